/** Name parts for synthetic demo people. Combinations are invented; no real person is described. */
export const GIVEN_NAMES = [
  'Avery', 'Jordan', 'Riley', 'Morgan', 'Casey', 'Quinn', 'Rowan', 'Emerson', 'Sage', 'Harper', 'Dakota', 'Reese',
  'Kendall', 'Skyler', 'Parker', 'Hayden', 'Jamie', 'Finley', 'Elliot', 'Marlowe', 'Tatum', 'Sasha', 'Lennon', 'Remy',
  'Ari', 'Blake', 'Cameron', 'Drew', 'Ellis', 'Frankie', 'Greer', 'Hollis', 'Indigo', 'Jules', 'Kai', 'Lane', 'Milan',
  'Noel', 'Oakley', 'Peyton', 'Robin', 'Shiloh', 'Teagan', 'Val', 'Wren', 'Zion',
];

export const FAMILY_NAMES = [
  'Abernathy', 'Brightwater', 'Calloway', 'Delacroix', 'Everhart', 'Fairbanks', 'Galloway', 'Hartwell', 'Ingram',
  'Jessup', 'Kingsley', 'Larkspur', 'Merriweather', 'Northcott', 'Oakhurst', 'Pemberton', 'Quenneville', 'Rainford',
  'Stonebridge', 'Thistlewood', 'Underhill', 'Vandermeer', 'Whitlock', 'Yarborough', 'Zellweger', 'Ashgrove',
  'Birchfield', 'Copperfield', 'Dunmore', 'Elmsworth', 'Foxhall', 'Greenleaf', 'Hollowell', 'Ivesdale', 'Juniper',
  'Kestrel', 'Lindqvist', 'Marchetti', 'Nightingale', 'Ollerton', 'Prescott', 'Quillfeather', 'Ravenscroft',
  'Silverstein', 'Tamberlane', 'Umberfield',
];

export const PRONOUNS = ['she/her', 'he/him', 'they/them', 'she/they', 'he/they'];

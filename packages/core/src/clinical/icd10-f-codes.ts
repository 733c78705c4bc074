/**
 * The ICD-10-CM codes (chapter 5, F01–F99) that IOP and PHP programs diagnose most, for pick-lists and search.
 * Written for Trellis from the public-domain ICD-10-CM tabular list (CDC/NCHS), FY2025 release; descriptions are the
 * tabular titles, shortened where they run long. Codes change every 1 October: check this list against the new
 * release then (general knowledge, verify). Any other code may still be entered; it is checked by format only.
 */

export const ICD10_F_CODE_GROUPS = [
  'alcohol',
  'opioids',
  'cannabis',
  'sedatives',
  'stimulants',
  'other_substances',
  'psychotic',
  'bipolar',
  'depressive',
  'anxiety',
  'trauma_stress',
  'obsessive_compulsive',
  'eating',
  'personality',
  'neurodevelopmental',
  'other',
] as const;
export type Icd10FCodeGroup = (typeof ICD10_F_CODE_GROUPS)[number];

export interface Icd10Code {
  code: string;
  description: string;
  group: Icd10FCodeGroup;
}

const g = (group: Icd10FCodeGroup, rows: [string, string][]): Icd10Code[] =>
  rows.map(([code, description]) => ({ code, description, group }));

/** Common F-codes, grouped; each is a billable (complete) code. */
export const COMMON_F_CODES: readonly Icd10Code[] = [
  ...g('alcohol', [
    ['F10.10', 'Alcohol abuse, uncomplicated'],
    ['F10.11', 'Alcohol abuse, in remission'],
    ['F10.20', 'Alcohol dependence, uncomplicated'],
    ['F10.21', 'Alcohol dependence, in remission'],
    ['F10.220', 'Alcohol dependence with intoxication, uncomplicated'],
    ['F10.230', 'Alcohol dependence with withdrawal, uncomplicated'],
    ['F10.239', 'Alcohol dependence with withdrawal, unspecified'],
    ['F10.24', 'Alcohol dependence with alcohol-induced mood disorder'],
    ['F10.280', 'Alcohol dependence with alcohol-induced anxiety disorder'],
    ['F10.90', 'Alcohol use, unspecified, uncomplicated'],
  ]),
  ...g('opioids', [
    ['F11.10', 'Opioid abuse, uncomplicated'],
    ['F11.11', 'Opioid abuse, in remission'],
    ['F11.20', 'Opioid dependence, uncomplicated'],
    ['F11.21', 'Opioid dependence, in remission'],
    ['F11.220', 'Opioid dependence with intoxication, uncomplicated'],
    ['F11.23', 'Opioid dependence with withdrawal'],
    ['F11.90', 'Opioid use, unspecified, uncomplicated'],
  ]),
  ...g('cannabis', [
    ['F12.10', 'Cannabis abuse, uncomplicated'],
    ['F12.11', 'Cannabis abuse, in remission'],
    ['F12.20', 'Cannabis dependence, uncomplicated'],
    ['F12.21', 'Cannabis dependence, in remission'],
    ['F12.23', 'Cannabis dependence with withdrawal'],
    ['F12.90', 'Cannabis use, unspecified, uncomplicated'],
  ]),
  ...g('sedatives', [
    ['F13.10', 'Sedative, hypnotic or anxiolytic abuse, uncomplicated'],
    ['F13.20', 'Sedative, hypnotic or anxiolytic dependence, uncomplicated'],
    ['F13.21', 'Sedative, hypnotic or anxiolytic dependence, in remission'],
    ['F13.230', 'Sedative, hypnotic or anxiolytic dependence with withdrawal, uncomplicated'],
    ['F13.239', 'Sedative, hypnotic or anxiolytic dependence with withdrawal, unspecified'],
  ]),
  ...g('stimulants', [
    ['F14.10', 'Cocaine abuse, uncomplicated'],
    ['F14.11', 'Cocaine abuse, in remission'],
    ['F14.20', 'Cocaine dependence, uncomplicated'],
    ['F14.21', 'Cocaine dependence, in remission'],
    ['F14.23', 'Cocaine dependence with withdrawal'],
    ['F15.10', 'Other stimulant abuse, uncomplicated'],
    ['F15.11', 'Other stimulant abuse, in remission'],
    ['F15.20', 'Other stimulant dependence, uncomplicated'],
    ['F15.21', 'Other stimulant dependence, in remission'],
    ['F15.23', 'Other stimulant dependence with withdrawal'],
  ]),
  ...g('other_substances', [
    ['F16.10', 'Hallucinogen abuse, uncomplicated'],
    ['F16.20', 'Hallucinogen dependence, uncomplicated'],
    ['F17.200', 'Nicotine dependence, unspecified, uncomplicated'],
    ['F17.210', 'Nicotine dependence, cigarettes, uncomplicated'],
    ['F17.290', 'Nicotine dependence, other tobacco product, uncomplicated'],
    ['F19.10', 'Other psychoactive substance abuse, uncomplicated'],
    ['F19.20', 'Other psychoactive substance dependence, uncomplicated'],
    ['F19.21', 'Other psychoactive substance dependence, in remission'],
  ]),
  ...g('psychotic', [
    ['F20.0', 'Paranoid schizophrenia'],
    ['F20.9', 'Schizophrenia, unspecified'],
    ['F25.0', 'Schizoaffective disorder, bipolar type'],
    ['F25.1', 'Schizoaffective disorder, depressive type'],
    ['F25.9', 'Schizoaffective disorder, unspecified'],
    ['F29', 'Unspecified psychosis not due to a substance or known physiological condition'],
  ]),
  ...g('bipolar', [
    ['F31.0', 'Bipolar disorder, current episode hypomanic'],
    ['F31.10', 'Bipolar disorder, current episode manic without psychotic features, unspecified'],
    ['F31.2', 'Bipolar disorder, current episode manic, severe, with psychotic features'],
    ['F31.30', 'Bipolar disorder, current episode depressed, mild or moderate severity, unspecified'],
    ['F31.4', 'Bipolar disorder, current episode depressed, severe, without psychotic features'],
    ['F31.5', 'Bipolar disorder, current episode depressed, severe, with psychotic features'],
    ['F31.60', 'Bipolar disorder, current episode mixed, unspecified'],
    ['F31.70', 'Bipolar disorder, currently in remission, most recent episode unspecified'],
    ['F31.81', 'Bipolar II disorder'],
    ['F31.9', 'Bipolar disorder, unspecified'],
  ]),
  ...g('depressive', [
    ['F32.0', 'Major depressive disorder, single episode, mild'],
    ['F32.1', 'Major depressive disorder, single episode, moderate'],
    ['F32.2', 'Major depressive disorder, single episode, severe without psychotic features'],
    ['F32.3', 'Major depressive disorder, single episode, severe with psychotic features'],
    ['F32.9', 'Major depressive disorder, single episode, unspecified'],
    ['F32.A', 'Depression, unspecified'],
    ['F33.0', 'Major depressive disorder, recurrent, mild'],
    ['F33.1', 'Major depressive disorder, recurrent, moderate'],
    ['F33.2', 'Major depressive disorder, recurrent, severe without psychotic features'],
    ['F33.3', 'Major depressive disorder, recurrent, severe with psychotic symptoms'],
    ['F33.40', 'Major depressive disorder, recurrent, in remission, unspecified'],
    ['F33.41', 'Major depressive disorder, recurrent, in partial remission'],
    ['F33.9', 'Major depressive disorder, recurrent, unspecified'],
    ['F34.1', 'Dysthymic disorder'],
    ['F34.81', 'Disruptive mood dysregulation disorder'],
    ['F39', 'Unspecified mood [affective] disorder'],
  ]),
  ...g('anxiety', [
    ['F40.01', 'Agoraphobia with panic disorder'],
    ['F40.10', 'Social phobia, unspecified'],
    ['F41.0', 'Panic disorder [episodic paroxysmal anxiety]'],
    ['F41.1', 'Generalized anxiety disorder'],
    ['F41.8', 'Other specified anxiety disorders'],
    ['F41.9', 'Anxiety disorder, unspecified'],
  ]),
  ...g('trauma_stress', [
    ['F43.0', 'Acute stress reaction'],
    ['F43.10', 'Post-traumatic stress disorder, unspecified'],
    ['F43.11', 'Post-traumatic stress disorder, acute'],
    ['F43.12', 'Post-traumatic stress disorder, chronic'],
    ['F43.20', 'Adjustment disorder, unspecified'],
    ['F43.21', 'Adjustment disorder with depressed mood'],
    ['F43.22', 'Adjustment disorder with anxiety'],
    ['F43.23', 'Adjustment disorder with mixed anxiety and depressed mood'],
    ['F43.24', 'Adjustment disorder with disturbance of conduct'],
    ['F43.25', 'Adjustment disorder with mixed disturbance of emotions and conduct'],
    ['F44.81', 'Dissociative identity disorder'],
  ]),
  ...g('obsessive_compulsive', [
    ['F42.2', 'Mixed obsessional thoughts and acts'],
    ['F42.9', 'Obsessive-compulsive disorder, unspecified'],
  ]),
  ...g('eating', [
    ['F50.82', 'Avoidant/restrictive food intake disorder'],
    ['F50.9', 'Eating disorder, unspecified'],
  ]),
  ...g('personality', [
    ['F60.2', 'Antisocial personality disorder'],
    ['F60.3', 'Borderline personality disorder'],
    ['F60.9', 'Personality disorder, unspecified'],
  ]),
  ...g('neurodevelopmental', [
    ['F90.0', 'Attention-deficit hyperactivity disorder, predominantly inattentive type'],
    ['F90.1', 'Attention-deficit hyperactivity disorder, predominantly hyperactive type'],
    ['F90.2', 'Attention-deficit hyperactivity disorder, combined type'],
    ['F90.9', 'Attention-deficit hyperactivity disorder, unspecified type'],
    ['F91.3', 'Oppositional defiant disorder'],
    ['F91.9', 'Conduct disorder, unspecified'],
  ]),
  ...g('other', [
    ['F63.0', 'Pathological gambling'],
    ['F63.81', 'Intermittent explosive disorder'],
    ['F99', 'Mental disorder, not otherwise specified'],
  ]),
];

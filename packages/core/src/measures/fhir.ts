/**
 * An instrument as a FHIR R4 Questionnaire (shared/domain.md §8: instruments map to Questionnaire /
 * QuestionnaireResponse). Answer options carry their points in the R4 `ordinalValue` extension so another system
 * can score them; LOINC codes appear only where domain.md names them.
 */
import type { AnswerOption, Instrument, InstrumentItem } from './instrument.ts';

export const LOINC_SYSTEM = 'http://loinc.org';
/** The R4 core extension for an answer's numeric weight. */
export const ORDINAL_VALUE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

/** Where answer codes without a LOINC code come from: the instrument's own answer list in Trellis. */
export function localAnswerSystem(instrument: Instrument): string {
  return `urn:trellis:measures:${instrument.id}:answers`;
}

export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
}

export interface FhirAnswerOption {
  valueCoding: FhirCoding;
  extension: { url: string; valueDecimal: number }[];
}

export interface FhirQuestionnaireItem {
  linkId: string;
  prefix: string;
  text: string;
  type: 'choice';
  required: boolean;
  code?: FhirCoding[];
  enableWhen?: { question: string; operator: '='; answerCoding: FhirCoding }[];
  enableBehavior?: 'any';
  answerOption: FhirAnswerOption[];
}

export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  name: string;
  title: string;
  status: 'active';
  subjectType: ['Patient'];
  description: string;
  copyright: string;
  code?: FhirCoding[];
  item: FhirQuestionnaireItem[];
}

function answerCoding(instrument: Instrument, option: AnswerOption): FhirCoding {
  return option.loinc
    ? { system: LOINC_SYSTEM, code: option.loinc, display: option.label }
    : { system: localAnswerSystem(instrument), code: String(option.value), display: option.label };
}

function questionnaireItem(instrument: Instrument, item: InstrumentItem): FhirQuestionnaireItem {
  const gate = item.enableWhen;
  const gateItem = gate ? instrument.items.find((i) => i.id === gate.item) : undefined;
  const enableWhen =
    gate && gateItem
      ? gateItem.options
          .filter((o) => gate.values.includes(o.value))
          .map((o) => ({ question: gate.item, operator: '=' as const, answerCoding: answerCoding(instrument, o) }))
      : [];
  return {
    linkId: item.id,
    prefix: item.number,
    text: item.text,
    type: 'choice',
    // An item behind skip logic is required only when shown; FHIR's `required` applies to enabled items.
    required: true,
    ...(item.loinc ? { code: [{ system: LOINC_SYSTEM, code: item.loinc, display: item.text }] } : {}),
    ...(enableWhen.length > 0
      ? { enableWhen, ...(enableWhen.length > 1 ? { enableBehavior: 'any' as const } : {}) }
      : {}),
    answerOption: item.options.map((o) => ({
      valueCoding: answerCoding(instrument, o),
      extension: [{ url: ORDINAL_VALUE_EXTENSION, valueDecimal: o.points }],
    })),
  };
}

/** The instrument as a FHIR R4 Questionnaire resource (a plain JSON object). */
export function toFhirQuestionnaire(instrument: Instrument): FhirQuestionnaire {
  return {
    resourceType: 'Questionnaire',
    id: instrument.id,
    url: `urn:trellis:questionnaire:${instrument.id}`,
    name: instrument.shortName.replace(/[^A-Za-z0-9]/g, ''),
    title: instrument.title,
    status: 'active',
    subjectType: ['Patient'],
    description: instrument.recall,
    copyright: instrument.licence,
    ...(instrument.loinc.panel
      ? { code: [{ system: LOINC_SYSTEM, code: instrument.loinc.panel, display: instrument.title }] }
      : {}),
    item: instrument.items.map((item) => questionnaireItem(instrument, item)),
  };
}

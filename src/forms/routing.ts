/**
 * Routing by the place of the matter: which answers name that place (the form's `routing` declaration) and what
 * the citizen is told when no authority can be found for it. Shared by the server, which routes by these answers,
 * and the form, which checks them as soon as the citizen leaves their step. Pure: no DOM, no Node APIs.
 */
import { responsibleFor, type Location, type Responsibility } from '../contract/catalog.ts';
import type { FormDefinition, RoutingBasis } from '../contract/form-definition.ts';
import { localize } from '../contract/common.ts';
import { placeOf } from '../search/places.ts';
import { formatMessage, type MessageText } from './messages.ts';

/** Why no authority was found: the postal code is unknown, no authority is responsible there, or it is ambiguous. */
export type RoutingCode = 'unknown_place' | 'no_authority' | 'ambiguous_place';
export const ROUTING_CODES: readonly RoutingCode[] = ['unknown_place', 'no_authority', 'ambiguous_place'];

/** The answers naming the place of the matter. */
export interface RoutingAnswers {
  postalCode: string;
  place: string | undefined;
}

/** The place answers of a form's routing declaration, or undefined when the form has none or they are missing. */
export function routingAnswers(
  def: FormDefinition,
  data: Readonly<Record<string, unknown>>,
): RoutingAnswers | undefined {
  const routing = def.routing;
  if (!routing) return undefined;
  const postalCode = data[routing.postalCode];
  if (typeof postalCode !== 'string' || postalCode.trim() === '') return undefined;
  const place = data[routing.place];
  return { postalCode: postalCode.trim(), place: typeof place === 'string' ? place.trim() : undefined };
}

const NOT_HERE: Record<RoutingBasis, MessageText> = {
  business: {
    de: 'Für einen Betrieb in {where} ist in diesem Online-Dienst keine zuständige Stelle hinterlegt. Bitte prüfen Sie die Postleitzahl des Betriebs. Stimmt sie, melden Sie das Gewerbe bei der Gemeinde an, in der der Betrieb liegt.',
    en: 'This online service has no responsible authority for a business in {where}. Please check the postal code of the business. If it is right, register the business with the municipality where it is located.',
  },
  plot: {
    de: 'Für ein Grundstück in {where} ist in diesem Online-Dienst keine zuständige Stelle hinterlegt. Bitte prüfen Sie die Postleitzahl des Grundstücks. Stimmt sie, wenden Sie sich an die Gemeinde oder den Kreis, in dem das Grundstück liegt.',
    en: 'This online service has no responsible authority for a plot in {where}. Please check the postal code of the plot. If it is right, contact the municipality or district where the plot is located.',
  },
  event: {
    de: 'Für eine Versammlung in {where} ist in diesem Online-Dienst keine zuständige Stelle hinterlegt. Bitte prüfen Sie die Postleitzahl des Versammlungsorts. Stimmt sie, zeigen Sie die Versammlung bei der Versammlungsbehörde des Kreises oder der kreisfreien Stadt an, in der sie stattfindet.',
    en: 'This online service has no responsible authority for an assembly in {where}. Please check the postal code of the venue. If it is right, notify the assembly authority of the district or independent town where it takes place.',
  },
  residence: {
    de: 'Für einen Wohnsitz in {where} ist in diesem Online-Dienst keine zuständige Stelle hinterlegt. Bitte prüfen Sie Ihre Postleitzahl. Stimmt sie, wenden Sie sich an die zuständige Stelle an Ihrem Wohnort.',
    en: 'This online service has no responsible authority for a residence in {where}. Please check your postal code. If it is right, contact the responsible authority where you live.',
  },
};

const AMBIGUOUS: MessageText = {
  de: 'Zur Postleitzahl {postalCode} gehören mehrere Gemeinden: {names}. Bitte geben Sie bei „{label}“ an, welche gemeint ist.',
  en: 'The postal code {postalCode} covers several municipalities: {names}. Please enter under “{label}” which one you mean.',
};

/** A field error for a place no authority can be found for: at the postal code (when ambiguous: the town). */
export function routingError(
  def: FormDefinition,
  answers: RoutingAnswers,
  code: RoutingCode,
  lang: 'de' | 'en',
  candidates: readonly string[] = [],
): { pointer: string; detail: string; code: RoutingCode } {
  const routing = def.routing!;
  if (code === 'ambiguous_place') {
    const fieldId = routing.place;
    const field = def.steps.flatMap((s) => s.fields).find((f) => f.id === fieldId);
    const label = field && 'label' in field && field.label ? localize(field.label, lang) : fieldId;
    const detail = formatMessage(AMBIGUOUS[lang], {
      postalCode: answers.postalCode,
      names: candidates.join(', '),
      label,
    });
    return { pointer: `/${fieldId}`, detail, code };
  }
  const where = [answers.postalCode, answers.place].filter(Boolean).join(' ');
  return {
    pointer: `/${routing.postalCode}`,
    detail: formatMessage(NOT_HERE[routing.by][lang], { where }),
    code,
  };
}

/** Where an application goes, or why it cannot go anywhere (a field error at the routing field, `/data/<id>`). */
export type RouteOutcome =
  | { ok: true; location: Location; responsibility: Responsibility }
  | { ok: false; error: { pointer: string; detail: string; code: RoutingCode } };

/**
 * Routes an application by the place of the matter its answers name (the form's `routing` fields): postal code and
 * town give the Gemeinde, the Gemeinde and the service the responsibility (longest ARS prefix). Nothing else the
 * client sends counts. The answers must have passed the form's validation.
 */
export function routeByPlace(
  catalog: { locations: readonly Location[]; responsibilities: readonly Responsibility[] },
  serviceId: string,
  def: FormDefinition,
  data: Readonly<Record<string, unknown>>,
  lang: 'de' | 'en',
): RouteOutcome {
  const answers = routingAnswers(def, data);
  if (!answers) throw new Error(`form ${def.id} has no routing answers`);
  const fail = (code: RoutingCode, candidates?: string[]): RouteOutcome => {
    const error = routingError(def, answers, code, lang, candidates);
    return { ok: false, error: { ...error, pointer: `/data${error.pointer}` } };
  };
  const match = placeOf(catalog.locations, answers.postalCode, answers.place);
  if (match.kind === 'unknown') return fail('unknown_place');
  if (match.kind === 'ambiguous')
    return fail(
      'ambiguous_place',
      match.candidates.map((l) => l.name),
    );
  const responsibility = responsibleFor(catalog.responsibilities, serviceId, match.location.ars);
  if (!responsibility) return fail('no_authority');
  return { ok: true, location: match.location, responsibility };
}

/** Texts shared by all elements: loading, retry, missing configuration. Errors: `describeError` in the client. */
import { defineMessages } from './i18n.ts';

export const uiMessages = defineMessages({
  de: {
    loading: 'Wird geladen …',
    retry: 'Erneut versuchen',
    errorHeading: 'Es ist ein Fehler aufgetreten',
    missingOne: 'Dieses Element ist nicht vollständig eingerichtet: es fehlt die Angabe {fields}.',
    missingMany: 'Dieses Element ist nicht vollständig eingerichtet: es fehlen die Angaben {fields}.',
    and: 'und',
    fieldEndpoint: '„endpoint“ (Adresse des Dienstes)',
    fieldTenant: '„tenant“ (Kennung der Kommune)',
    missingHint: 'Bitte wenden Sie sich an die Betreiber dieser Seite.',
  },
  en: {
    loading: 'Loading …',
    retry: 'Try again',
    errorHeading: 'An error occurred',
    missingOne: 'This element is not fully set up: the setting {fields} is missing.',
    missingMany: 'This element is not fully set up: the settings {fields} are missing.',
    and: 'and',
    fieldEndpoint: '“endpoint” (address of the service)',
    fieldTenant: '“tenant” (identifier of the municipality)',
    missingHint: 'Please contact the operators of this website.',
  },
});

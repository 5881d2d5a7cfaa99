/**
 * Texts shared by all elements: loading, retry, missing configuration, and the console warnings for webmasters
 * about setup mistakes (`warn…`, printed in both languages). Errors: `describeError` in the client.
 */
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
    warn_apiBase:
      '„endpoint“ endet auf /api/v1, das die Elemente selbst anhängen: schreiben Sie endpoint="{endpoint}".',
    warn_origin: 'Der Dienst {endpoint} lehnt diese Seite ab (403): tragen Sie {origin} in {list} ein.',
    warn_blocked:
      'Der Dienst {endpoint} ist für diese Seite nicht erreichbar oder nicht freigegeben (CORS): tragen Sie {origin} in {list} ein, oder prüfen Sie „endpoint“ und {endpoint}/healthz.',
    warn_tenant: 'Der Dienst {endpoint} kennt den Mandanten „{tenant}“ nicht: prüfen Sie „tenant“.',
    warn_endpoint: 'Unter {endpoint}/api/v1 antwortet kein OZG-Dienst (404): prüfen Sie „endpoint“.',
    listTenant: '„allowedOrigins“ des Mandanten „{tenant}“',
    listAny: '„allowedOrigins“ eines Mandanten oder OZG_CORS_ORIGINS',
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
    warn_apiBase:
      '"endpoint" ends in /api/v1, which the elements add themselves: write endpoint="{endpoint}".',
    warn_origin: 'The service {endpoint} refuses this page (403): add {origin} to {list}.',
    warn_blocked:
      'The service {endpoint} is not reachable or not allowed for this page (CORS): add {origin} to {list}, or check "endpoint" and {endpoint}/healthz.',
    warn_tenant: 'The service {endpoint} does not know the tenant "{tenant}": check "tenant".',
    warn_endpoint: 'No OZG service answers at {endpoint}/api/v1 (404): check "endpoint".',
    listTenant: 'the "allowedOrigins" of tenant "{tenant}"',
    listAny: 'the "allowedOrigins" of a tenant or OZG_CORS_ORIGINS',
  },
});

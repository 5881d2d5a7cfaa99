import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  ApiError,
  isAbortError,
  newIdempotencyKey,
  describeError,
  type RouteTable,
} from '../../client/index.ts';
import {
  createSubmission,
  getForm,
  getFormResponsible,
  getService,
  uploadFile,
  type FormResponsible,
} from '../../contract/api.ts';
import { localize, type LocalizedText } from '../../contract/common.ts';
import type { PublicTenant } from '../../contract/catalog.ts';
import type {
  Field,
  FileField,
  FileRef,
  FormAnswers,
  FormDefinition,
  Step,
} from '../../contract/form-definition.ts';
import type { SubmissionReceipt } from '../../contract/submission.ts';
import { compile, routingAnswers, type CompiledForm } from '../../forms/index.ts';
import { dateProblem, isoDate, splitDate } from '../../forms/dates.ts';
import { blockStyles, renderErrorAlert, renderLiveRegion, renderLoading } from '../../ui/blocks.ts';
import { fieldStyles } from '../../ui/fields.ts';
import { isRetryable } from '../../ui/events.ts';
import { BASE_ROUTES, OzgElement } from '../../ui/ozg-element.ts';
import { tokens } from '../../ui/tokens.ts';
import {
  deleteDraft,
  deleteOtherVersionDrafts,
  domId,
  draftKey,
  fieldPointer,
  getAt,
  pointerOf,
  readDraft,
  readOtherVersionDraft,
  hasAnswer,
  setAt,
  tokensOf,
  writeDraft,
  type Draft,
  type Path,
} from './answers.ts';
import { formatBytes, formatDate } from '../../forms/messages.ts';
import { renderDateInputs } from './date-field.ts';
import { itemName, renderGroup } from './group.ts';
import { contentMismatch, fieldHint, fileProblem, mailsReceipt } from './hints.ts';
import { formMessages as m } from './ozg-form.messages.ts';
import { formStyles } from './ozg-form.styles.ts';
import { renderReceipt, statusLink } from './receipt.ts';

/** Detail of `ozg-step-change`. */
export interface OzgStepChangeDetail {
  /** The id of the step now shown, or `review` / `confirmation`. */
  stepId: string;
  /** 1-based number of the step among the visible steps (review: total + 1, confirmation: total + 2). */
  step: number;
  /** Number of visible steps. */
  total: number;
}

/** Detail of `ozg-submitted`. */
export interface OzgSubmittedDetail {
  reference: string;
  formId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ozg-step-change': CustomEvent<OzgStepChangeDetail>;
    'ozg-submitted': CustomEvent<OzgSubmittedDetail>;
  }
}

type View = 'loading' | 'failed' | 'choose' | 'draft' | 'step' | 'review' | 'done';

interface Upload {
  name: string;
  percent: number;
}

/**
 * A failed upload: what the citizen is told and, where trying again can help (no connection, an overloaded
 * backend), the files not yet uploaded, the failed one first. A file the backend refused on its merits (too large,
 * not what its type says) is not offered again.
 */
interface UploadFailure {
  files: readonly File[];
  message: string;
}

/** The field errors of a refused request, with pointers into the answers (`/data/x` → `/x`). */
function dataErrors(error: unknown): { pointer: string; detail: string; code?: string | undefined }[] {
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
  return fieldErrors
    .filter((e) => e.pointer.startsWith('/data/'))
    .map((e) => ({ ...e, pointer: e.pointer.slice('/data'.length) }));
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `autocomplete` / `inputmode` / `type` defaults for the text-like field types. */
const INPUTS: Partial<
  Record<Field['type'], { type: 'text' | 'email' | 'tel'; inputmode?: string; autocomplete?: AutoFill }>
> = {
  text: { type: 'text' },
  email: { type: 'email', inputmode: 'email', autocomplete: 'email' },
  tel: { type: 'tel', inputmode: 'tel', autocomplete: 'tel' },
  number: { type: 'text', inputmode: 'decimal' },
  iban: { type: 'text', autocomplete: 'off' },
  'postal-code': { type: 'text', inputmode: 'numeric', autocomplete: 'postal-code' },
};

/** The API routes this element calls. */
const routes = {
  ...BASE_ROUTES,
  getService,
  getForm,
  getFormResponsible,
  uploadFile,
  createSubmission,
};

/**
 * The application form: loads a form definition from the backend and leads the citizen through its steps,
 * a check-answers page and the submission to a confirmation with reference and access code.
 *
 * The service's name stands above every step, the check-answers page and the confirmation. The authority is the
 * one responsible for the place of the matter that the form's routing fields name (the business, the plot, the
 * venue, or the residence where the law says so): it is looked up when the citizen leaves the step with those fields,
 * so a place no authority handles is reported there, and the server routes by the same answers. The confirmation is
 * an Eingangsbestätigung: service, authority, date and time of receipt, next steps, reference and access code;
 * printing it gives a one-page receipt. Without a form or service to show, the element points to `catalog-url`.
 *
 * Only the current step is in the DOM; conditions are applied as the citizen types; answers are validated
 * when a field is left and on "Weiter", with an error summary that links to the fields. Every change is
 * saved as a local draft (per tenant, form and version) unless `no-draft` is set; a submission is sent with
 * an Idempotency-Key, so double clicks and retries never create two applications.
 *
 * ```html
 * <ozg-form endpoint="https://ozg.example.de" tenant="kreis-dithmarschen" form-id="baumfaellgenehmigung"></ozg-form>
 * ```
 *
 * @summary Application form with steps, live conditions, validation, review, submission and draft.
 * @tag ozg-form
 * @csspart heading - The headings of the element.
 * @csspart error - Error alerts (load or submit failures).
 * @csspart upload-error - The message of a failed file upload, with its retry button.
 * @csspart retry-button - The retry button of an error alert or a failed upload.
 * @csspart loading - The loading skeleton.
 * @csspart missing-config - The notice shown while endpoint or tenant are missing.
 * @csspart error-summary - The list of problems at the top of a step.
 * @csspart next-button - "Weiter", on the last step "Weiter zur Prüfung" (or "Angaben prüfen" when the step was
 *   opened from the review page).
 * @csspart back-button - "Zurück" on a step.
 * @csspart submit-button - "Antrag absenden" on the review page.
 * @csspart confirmation - The confirmation after a successful submission.
 * @csspart service-name - The name of the service above every step, the check-answers page and the confirmation.
 * @csspart responsible - The authority the application goes to, on the check-answers page.
 * @csspart choose-service - The notice shown when no form or service is given, with the link to `catalog-url`.
 * @cssproperty --ozg-color-primary - Buttons and links.
 * @cssproperty --ozg-color-error - Error texts and borders.
 * @event ozg-step-change - The citizen moved to another step, the review or the confirmation
 *   (`detail: { stepId, step, total }`).
 * @event ozg-submitted - The application was stored (`detail: { reference, formId }`).
 * @event ozg-error - Loading, uploading or submitting failed (`detail: { code, message, retryable }` with
 *   `code` `load`, `upload` or `submit`; see `OzgErrorDetail` in `src/ui/events.ts`).
 */
export class OzgForm extends OzgElement<typeof routes> {
  /** @internal */
  static override routes: RouteTable & typeof BASE_ROUTES = routes;

  static override styles = [tokens, blockStyles, fieldStyles, formStyles];

  /** Id of the form definition to load. */
  @property({ attribute: 'form-id' }) formId?: string;

  /**
   * Id of a service: its form is loaded (used when `form-id` is not set). Without `form-id` and
   * `service-id` the element takes the service id from the page address, `?service=<id>`: one form page
   * then serves every service that `<ozg-service-catalog form-url="/antrag?service={id}">` links to.
   */
  @property({ attribute: 'service-id' }) serviceId?: string;

  /** Where citizens follow their application; defaults to the tenant's status page. */
  @property({ attribute: 'status-url' }) statusUrl?: string;

  /** Where citizens choose a service (shown when the element has no form or service to show). */
  @property({ attribute: 'catalog-url' }) catalogUrl?: string;

  /**
   * Deprecated and ignored: the server routes every application by the place of the matter named in the answers
   * (the form's routing fields), so a page can no longer choose the authority.
   */
  @property() ars?: string;

  /** Disables the local draft (for public computers). */
  @property({ type: Boolean, attribute: 'no-draft' }) noDraft = false;

  @state() private view: View = 'loading';
  @state() private stepId = '';
  @state() private errors = new Map<string, string>();
  @state() private showSummary = false;
  @state() private submitting = false;
  @state() private submitError: unknown;
  @state() private consent = false;
  @state() private uploads = new Map<string, Upload>();
  @state() private uploadFailures = new Map<string, UploadFailure>();
  @state() private announcement = '';
  /** The responsible-authority look-up of the step with the place of the matter is running. */
  @state() private checkingPlace = false;

  #definition: FormDefinition | undefined;
  #compiled: CompiledForm | undefined;
  #tenantInfo: PublicTenant | undefined;
  #serviceId: string | undefined;
  #serviceName: LocalizedText | undefined;
  /** Look-ups of the responsible authority per place (postal code and town). */
  #places = new Map<string, FormResponsible>();
  /**
   * What the backend refused (no authority for the place, a check only it makes), per field, with the answer it
   * refused: the message stays while that answer does, also when the field's own checks pass on leaving it.
   */
  #refusals = new Map<string, { answer: string; detail: string }>();
  #answers: FormAnswers = {};
  #draft: Draft | undefined;
  /** `#draft` holds what still fits of a draft saved for another version of the form. */
  #fromOtherVersion = false;
  #loadError: unknown;
  #loadKey = '';
  #loadRun = 0;
  #idempotencyKey: string | undefined;
  #receipt: SubmissionReceipt | undefined;
  #returnToReview = false;
  #focusAfterRender: (() => HTMLElement | null | undefined) | undefined;
  #touched = new Set<string>();
  #saveQueued = false;
  /** Checks of fields left while a pointer is pressed in the element, run once it is released (see `#onLeave`). */
  #held: (() => void)[] | undefined;

  constructor() {
    super();
    this.addEventListener('pointerdown', () => {
      if (this.#held) return;
      const held: (() => void)[] = (this.#held = []);
      const doc = this.ownerDocument;
      const events = ['click', 'pointerup', 'pointercancel'];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        for (const type of events) doc.removeEventListener(type, wait, true);
        this.#held = undefined;
        for (const check of held) check();
      };
      // After the click (once its own handlers ran); without one (a drag, a scroll), shortly after the release.
      // A tap moves the focus only after the finger is lifted, just before its click.
      const wait = (event: Event) => {
        clearTimeout(timer);
        timer = setTimeout(done, event.type === 'click' ? 0 : 300);
      };
      for (const type of events) doc.addEventListener(type, wait, true);
    });
  }

  /** The answers so far (a copy). */
  get answers(): FormAnswers {
    return structuredClone(this.#answers);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const key = this.config.ok
      ? `${this.config.endpoint}\n${this.config.tenant}\n${this.formId ?? ''}\n${this.#wantedServiceId() ?? ''}`
      : '';
    if (key !== this.#loadKey && this.isConnected) {
      this.#loadKey = key;
      if (key) void this.#load();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const target = this.#focusAfterRender;
    if (target) {
      this.#focusAfterRender = undefined;
      target()?.focus();
    }
  }

  // ---- loading -------------------------------------------------------------------------------------------

  async #load(): Promise<void> {
    const api = this.api;
    if (!api || !this.config.ok) return;
    const run = ++this.#loadRun;
    const tenant = this.config.tenant;
    this.view = 'loading';
    this.checkingPlace = false;
    try {
      let formId = this.formId;
      const serviceId = this.#wantedServiceId();
      let serviceName: LocalizedText | undefined;
      if (!formId && serviceId) {
        const service = await api.request('getService', { params: { tenant, serviceId } });
        formId = service.formId;
        serviceName = service.name;
        if (!formId) throw new Error('no-form');
      }
      if (!formId) {
        // Nothing to apply for yet (the form page opened without `?service=`): the way to the catalog, not an error.
        this.view = 'choose';
        return;
      }
      /** The service's own name (as the catalog shows it); the form's title where the service cannot be had. */
      const nameOf = (id: string) =>
        api.request('getService', { params: { tenant, serviceId: id } }).then(
          (service) => service.name,
          (error: unknown) => {
            if (isAbortError(error)) throw error;
            return undefined;
          },
        );
      const early = !serviceName && serviceId ? nameOf(serviceId) : undefined;
      const [definition, tenantInfo] = await Promise.all([
        api.request('getForm', { params: { formId } }),
        // Also applies the tenant's theme.
        this.loadTenant(),
      ]);
      const compiled = compile(definition);
      const owner = serviceId ?? definition.serviceId;
      serviceName ??= await (early ?? (owner ? nameOf(owner) : undefined));
      if (run !== this.#loadRun) return;
      this.#definition = definition;
      this.#compiled = compiled;
      this.#tenantInfo = tenantInfo;
      this.#serviceId = serviceId ?? definition.serviceId;
      this.#serviceName = serviceName ?? definition.title;
      this.#places = new Map();
      this.#refusals = new Map();
      this.#answers = {};
      this.#receipt = undefined;
      this.#idempotencyKey = undefined;
      this.errors = new Map();
      this.showSummary = false;
      this.consent = false;
      this.#returnToReview = false;
      this.uploadFailures = new Map();
      this.#draft = undefined;
      this.#fromOtherVersion = false;
      if (!this.noDraft) this.#findDraft(compiled);
      if (this.#draft) {
        this.view = 'draft';
      } else {
        this.stepId = compiled.visibleSteps(this.#answers)[0]?.id ?? '';
        this.view = 'step';
      }
    } catch (error) {
      if (run !== this.#loadRun || isAbortError(error)) return;
      this.#loadError = error;
      this.view = 'failed';
      this.reportError('load', error, this.#loadMessage());
    }
  }

  /** `service-id`, else (when `form-id` is missing too) the page's `?service=` parameter. */
  #wantedServiceId(): string | undefined {
    if (this.serviceId || this.formId) return this.serviceId || undefined;
    const fromPage = new URLSearchParams(this.ownerDocument.location?.search ?? '').get('service')?.trim();
    return fromPage || undefined;
  }

  #loadMessage(): string {
    const error = this.#loadError;
    if (error instanceof Error && error.message === 'no-form') return m(this.uiLang, 'noForm');
    if (error instanceof ApiError && error.status === 404) return m(this.uiLang, 'notFound');
    return describeError(error, this.uiLang);
  }

  #draftKey(): string | undefined {
    const def = this.#definition;
    if (!def || !this.config.ok) return undefined;
    return draftKey(this.config.tenant, def.id, def.version);
  }

  // ---- answers and drafts ----------------------------------------------------------------------------------

  /**
   * The draft of this version, else one of another version: the form changed after the citizen began. Of that
   * one only the answers the new version still asks for are kept; the citizen starts at the first step and gives
   * the consent again, because steps and privacy text may have changed.
   */
  #findDraft(compiled: CompiledForm): void {
    const def = compiled.definition;
    const key = this.#draftKey();
    if (!key || !this.config.ok) return;
    const own = readDraft(key);
    if (own && this.#worthOffering(compiled, own)) {
      this.#draft = own;
      return;
    }
    if (own) deleteDraft(key);
    const other = readOtherVersionDraft(this.config.tenant, def.id, def.version);
    const answers = other ? compiled.prune(other.answers) : {};
    if (!other || !hasAnswer(answers)) {
      this.#dropOtherVersionDrafts();
      return;
    }
    this.#fromOtherVersion = true;
    this.#draft = { answers, savedAt: other.savedAt };
  }

  /** A draft has something to come back to: an answer, or a place beyond the first step. */
  #worthOffering(compiled: CompiledForm, draft: Draft): boolean {
    const first = compiled.visibleSteps(draft.answers)[0]?.id;
    return hasAnswer(draft.answers) || draft.review === true || (!!draft.stepId && draft.stepId !== first);
  }

  /** Drafts of other versions are not offered again once one was restored or declined. */
  #dropOtherVersionDrafts(): void {
    const def = this.#definition;
    if (def && this.config.ok) deleteOtherVersionDrafts(this.config.tenant, def.id, def.version);
    this.#fromOtherVersion = false;
  }

  #saveDraft(): void {
    if (this.noDraft || this.#saveQueued) return;
    this.#saveQueued = true;
    // One write per task, however many inputs fire in it.
    queueMicrotask(() => {
      this.#saveQueued = false;
      const key = this.#draftKey();
      if (!key || this.view === 'done') return;
      const draft: Draft = {
        answers: this.#answers,
        stepId: this.stepId,
        review: this.view === 'review',
        returnToReview: this.#returnToReview,
        consent: this.consent,
        savedAt: new Date().toISOString(),
      };
      // Nothing to come back to ("Neu beginnen", or every answer erased on the first step): no draft next time.
      if (this.#compiled && !this.#worthOffering(this.#compiled, draft)) return deleteDraft(key);
      writeDraft(key, draft);
    });
  }

  #restoreDraft(): void {
    const draft = this.#draft;
    const compiled = this.#compiled;
    if (!draft || !compiled) return;
    this.#answers = draft.answers;
    this.consent = draft.consent === true;
    this.#dropOtherVersionDrafts();
    const steps = compiled.visibleSteps(this.#answers);
    const stepId = steps.find((s) => s.id === draft.stepId)?.id ?? steps[0]?.id ?? '';
    this.#draft = undefined;
    if (draft.review) {
      this.stepId = stepId;
      this.#showReview();
      return;
    }
    this.#returnToReview = draft.returnToReview === true;
    this.#showStep(stepId);
  }

  #discardDraft(): void {
    const key = this.#draftKey();
    if (key) deleteDraft(key);
    this.#dropOtherVersionDrafts();
    this.#draft = undefined;
    this.#answers = {};
    this.consent = false;
    this.#showStep(this.#compiled?.visibleSteps({})[0]?.id ?? '', true);
  }

  /** A change by the citizen: store it, re-check the field if it shows an error, re-render only when needed. */
  #change(field: Field, path: Path, indices: readonly number[], value: unknown): void {
    const compiled = this.#compiled;
    if (!compiled) return;
    setAt(this.#answers, path, value);
    // Another body needs another key; the same body keeps it, so a retry never submits twice.
    this.#idempotencyKey = undefined;
    const pointer = pointerOf(path);
    this.#touched.add(pointer);
    if (this.errors.has(pointer)) this.#checkField(field, path, indices);
    // Fields nothing depends on need no re-render: the native input already shows the value.
    if (compiled.dependents(field.id).length > 0) this.requestUpdate();
    this.#saveDraft();
  }

  #checkField(field: Field, path: Path, indices: readonly number[]): void {
    const compiled = this.#compiled;
    if (!compiled) return;
    const pointer = pointerOf(path);
    const found = compiled.validateField(field.id, this.#answers, { lang: this.uiLang, index: indices });
    const refusal = this.#refusals.get(pointer);
    const refused =
      refusal && refusal.answer === JSON.stringify(getAt(this.#answers, path)) ? refusal.detail : undefined;
    const next = new Map(this.errors);
    if (found.length > 0) next.set(pointer, found[0]!.detail);
    else if (refused !== undefined) next.set(pointer, refused);
    else next.delete(pointer);
    if (next.size !== this.errors.size || next.get(pointer) !== this.errors.get(pointer)) this.errors = next;
  }

  #onLeave(event: FocusEvent, field: Field, path: Path, indices: readonly number[]): void {
    const wrapper = event.currentTarget as HTMLElement;
    if (event.relatedTarget instanceof Node && wrapper.contains(event.relatedTarget)) return;
    // An untouched field is not an error yet: the citizen may just be tabbing through.
    if (!this.#touched.has(pointerOf(path)) && !this.errors.has(pointerOf(path))) return;
    // Left by a press in the form: an error shown now would move what lies below before the click lands there
    // (a radio button 48 px lower stays unselected). So it is shown after the click, unless that click led on.
    const { stepId, view } = this;
    const check = () => {
      if (this.stepId === stepId && this.view === view) this.#checkField(field, path, indices);
    };
    if (this.#held) this.#held.push(check);
    else check();
  }

  // ---- navigation ----------------------------------------------------------------------------------------

  #steps(): Step[] {
    return this.#compiled?.visibleSteps(this.#answers) ?? [];
  }

  /** Shows a step with the focus on its heading and, unless `quiet`, tells the page (`ozg-step-change`). */
  #showStep(stepId: string, quiet = false): void {
    this.stepId = stepId;
    this.view = 'step';
    this.showSummary = false;
    const steps = this.#steps();
    const index = steps.findIndex((s) => s.id === stepId);
    const step = steps[index];
    if (step) {
      this.announcement = m(this.uiLang, 'stepChanged', {
        title: localize(step.title, this.uiLang),
        current: index + 1,
        total: steps.length,
      });
    }
    this.#focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('#title');
    this.#saveDraft();
    if (!quiet) this.#emitStep(stepId);
  }

  #emitStep(stepId: string): void {
    const steps = this.#steps();
    const index = steps.findIndex((s) => s.id === stepId);
    this.emit('ozg-step-change', {
      stepId,
      step: index >= 0 ? index + 1 : steps.length + 1,
      total: steps.length,
    });
  }

  async #next(event: Event): Promise<void> {
    event.preventDefault();
    const compiled = this.#compiled;
    if (!compiled || this.checkingPlace) return;
    const stepId = this.stepId;
    const result = compiled.validate(this.#answers, { lang: this.uiLang, stepId });
    if (!result.ok) {
      this.#showErrors(result.errors);
      return;
    }
    if (this.#placeStepId() === stepId) {
      const run = this.#loadRun;
      const place = this.#place()?.key;
      this.checkingPlace = true;
      this.announcement = m(this.uiLang, 'checkingPlace');
      const refused = await this.#checkPlace().finally(() => {
        if (run !== this.#loadRun) return;
        this.checkingPlace = false;
        // Said again by the next look-up (a live region speaks only changes).
        this.announcement = '';
      });
      // Moved on meanwhile (another form, another step): that view decides.
      if (run !== this.#loadRun || this.stepId !== stepId || this.view !== 'step') return;
      // The citizen typed on while it ran: check the step as it is now.
      if (this.#place()?.key !== place) return this.#next(event);
      if (refused) {
        this.#refuse(refused);
        this.#showErrors(refused);
        return;
      }
      const again = compiled.validate(this.#answers, { lang: this.uiLang, stepId });
      if (!again.ok) {
        this.#showErrors(again.errors);
        return;
      }
    }
    this.errors = new Map();
    const steps = this.#steps();
    const index = steps.findIndex((s) => s.id === this.stepId);
    const next = steps[index + 1];
    if (next && !this.#returnToReview) {
      this.#showStep(next.id);
    } else {
      this.#showReview();
    }
  }

  #back(): void {
    const steps = this.#steps();
    const index = steps.findIndex((s) => s.id === this.stepId);
    const previous = steps[index - 1];
    if (!previous) return;
    this.errors = new Map();
    this.#returnToReview = false;
    this.#showStep(previous.id);
  }

  /** The step with the field that names the place of the matter. */
  #placeStepId(): string | undefined {
    const fieldId = this.#definition?.routing?.postalCode;
    return this.#definition?.steps.find((s) => s.fields.some((f) => f.id === fieldId))?.id;
  }

  /** The place of the matter the answers name so far, with the key of its look-up. */
  #place(): { postalCode: string; place: string | undefined; key: string } | undefined {
    const place = this.#definition && routingAnswers(this.#definition, this.#answers);
    return place && { ...place, key: `${place.postalCode}\n${place.place ?? ''}` };
  }

  /** The look-up of the place the answers name, when it was made. */
  #placeFound(): FormResponsible | undefined {
    const place = this.#place();
    return place && this.#places.get(place.key);
  }

  /**
   * Looks up the authority for the place of the matter. Resolves to the field errors when none is responsible (the
   * citizen is told at the field, before going on); otherwise to undefined: found, or the look-up failed, and the
   * server checks again on submission.
   */
  async #checkPlace(): Promise<{ pointer: string; detail: string }[] | undefined> {
    const def = this.#definition;
    const api = this.api;
    const place = this.#place();
    // The look-ups of this form: an answer arriving after another form was loaded goes nowhere.
    const places = this.#places;
    if (!def || !api || !place || !this.config.ok || places.has(place.key)) return undefined;
    try {
      const query = {
        postalCode: place.postalCode,
        lang: this.uiLang,
        ...(place.place ? { place: place.place } : {}),
        ...(this.#serviceId ? { serviceId: this.#serviceId } : {}),
      };
      const found = await api.request('getFormResponsible', {
        params: { tenant: this.config.tenant, formId: def.id },
        query,
      });
      places.set(place.key, found);
      this.requestUpdate();
      return undefined;
    } catch (error) {
      const refused = dataErrors(error);
      return refused.length > 0 ? refused : undefined;
    }
  }

  #showReview(): void {
    // Shows where the application goes (a restored draft may not have looked it up yet), or, where no authority
    // handles the place, leads to it now rather than after "Antrag absenden".
    if (!this.#placeFound()) {
      const run = this.#loadRun;
      void this.#checkPlace().then((refused) => {
        if (!refused || run !== this.#loadRun || this.view !== 'review' || this.submitting) return;
        this.#refuse(refused);
        this.#showServerErrors(refused);
      });
    }
    this.#returnToReview = false;
    this.view = 'review';
    this.showSummary = false;
    this.announcement = m(this.uiLang, 'review');
    this.#focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('#title');
    this.#emitStep('review');
    this.#saveDraft();
  }

  #changeStep(stepId: string): void {
    this.#returnToReview = true;
    this.#showStep(stepId);
  }

  #showErrors(errors: readonly { pointer: string; detail: string }[]): void {
    const compiled = this.#compiled;
    if (!compiled) return;
    const next = new Map<string, string>();
    for (const e of errors) {
      const pointer = fieldPointer(compiled, e.pointer);
      if (pointer && !next.has(pointer)) next.set(pointer, e.detail);
    }
    this.errors = next;
    this.showSummary = true;
    this.#focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('#summary');
  }

  #focusPointer(event: Event, pointer: string): void {
    event.preventDefault();
    const root = this.renderRoot as ShadowRoot;
    const tokens = tokensOf(pointer);
    root.getElementById(domId(tokens))?.focus();
  }

  // ---- submission ----------------------------------------------------------------------------------------

  async #submit(): Promise<void> {
    if (this.submitting) return;
    const compiled = this.#compiled;
    const definition = this.#definition;
    const api = this.api;
    if (!compiled || !definition || !api || !this.config.ok) return;
    const tenant = this.config.tenant;
    const run = this.#loadRun;
    if (!this.consent) {
      this.errors = new Map([['/consent', m(this.uiLang, 'consentMissing')]]);
      this.showSummary = true;
      this.#focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('#summary');
      return;
    }
    const result = compiled.validate(this.#answers, { lang: this.uiLang });
    if (!result.ok) {
      this.#showServerErrors(result.errors);
      return;
    }
    this.submitting = true;
    this.submitError = undefined;
    this.errors = new Map();
    this.showSummary = false;
    this.announcement = m(this.uiLang, 'submitting');
    try {
      this.#idempotencyKey ??= newIdempotencyKey();
      const receipt = await api.request('createSubmission', {
        idempotencyKey: this.#idempotencyKey,
        body: {
          tenantId: tenant,
          serviceId: this.#serviceId ?? definition.serviceId ?? definition.id,
          formId: definition.id,
          formVersion: definition.version,
          lang: this.uiLang,
          data: result.data,
        },
      });
      this.#receipt = receipt;
      // The drafts of the form that was sent, even if the element shows another one by now.
      deleteDraft(draftKey(tenant, definition.id, definition.version));
      deleteOtherVersionDrafts(tenant, definition.id, definition.version);
      if (run !== this.#loadRun) {
        // The element shows another form by now: it was sent all the same, so the page hears of it.
        this.emit('ozg-submitted', { reference: receipt.reference, formId: definition.id });
        return;
      }
      this.view = 'done';
      this.announcement = m(this.uiLang, 'done');
      this.#focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('#title');
      this.emit('ozg-step-change', {
        stepId: 'confirmation',
        step: this.#steps().length + 2,
        total: this.#steps().length,
      });
      this.emit('ozg-submitted', { reference: receipt.reference, formId: definition.id });
    } catch (error) {
      if (isAbortError(error) || run !== this.#loadRun) return;
      const refused = dataErrors(error);
      if (refused.length > 0) {
        this.#refuse(refused);
        this.#showServerErrors(refused);
      } else {
        this.submitError = error;
        this.announcement = '';
      }
      this.reportError('submit', error, refused[0]?.detail ?? describeError(error, this.uiLang));
    } finally {
      this.submitting = false;
    }
  }

  /** Remembers what the backend refused, with the answers it refused (see `#refusals`). */
  #refuse(errors: readonly { pointer: string; detail: string }[]): void {
    for (const { pointer, detail } of errors) {
      const path = tokensOf(pointer).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
      this.#refusals.set(pointer, { answer: JSON.stringify(getAt(this.#answers, path)), detail });
    }
  }

  /** Errors found on submit: shown on the first step that has one, with the summary. */
  #showServerErrors(errors: readonly { pointer: string; detail: string }[]): void {
    const first = tokensOf(errors[0]?.pointer ?? '')[0];
    const step = this.#steps().find((s) => s.fields.some((f) => f.id === first));
    if (!step) {
      this.#showErrors(errors);
      return;
    }
    this.#returnToReview = true;
    this.stepId = step.id;
    this.view = 'step';
    this.#emitStep(step.id);
    // The summary lists what can be fixed here; the other steps are checked again on the way back.
    const here = new Set(step.fields.map((f) => f.id));
    this.#showErrors(errors.filter((e) => here.has(tokensOf(e.pointer)[0] ?? '')));
  }

  // ---- files ---------------------------------------------------------------------------------------------

  async #addFiles(field: FileField, path: Path, indices: readonly number[], input: HTMLInputElement) {
    if (!input.files) return;
    const files = [...input.files];
    input.value = '';
    const pointer = pointerOf(path);
    const lang = this.uiLang;
    // Newly chosen files replace a failed upload that was waiting for a retry, and what was said of earlier ones.
    this.#clearUploadFailure(pointer);
    const errors = new Map(this.errors);
    errors.delete(pointer);
    this.errors = errors;
    const accepted: File[] = [];
    for (const file of files) {
      const problem = fileProblem(field, file, lang);
      if (problem) this.errors = new Map(this.errors).set(pointer, problem);
      else accepted.push(file);
    }
    await this.#uploadFiles(field, path, indices, accepted);
  }

  /**
   * Uploads files one after the other. A failure stops there and keeps that file and the ones after it for
   * "Erneut hochladen"; the message stays until an upload succeeds or other files are chosen.
   */
  async #uploadFiles(field: FileField, path: Path, indices: readonly number[], files: readonly File[]) {
    const api = this.api;
    if (!api || !this.#definition || !this.config.ok || files.length === 0) return;
    const pointer = pointerOf(path);
    const lang = this.uiLang;
    const refused: string[] = [];
    for (const [i, file] of files.entries()) {
      this.uploads = new Map(this.uploads).set(pointer, { name: file.name, percent: 0 });
      try {
        const ref = await api.upload(
          { tenant: this.config.tenant, formId: this.#definition.id, fieldId: field.id },
          file,
          {
            onProgress: ({ loaded, total }) => {
              const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
              this.uploads = new Map(this.uploads).set(pointer, { name: file.name, percent });
            },
          },
        );
        const current = getAt(this.#answers, path);
        this.#change(field, path, indices, [...(Array.isArray(current) ? (current as FileRef[]) : []), ref]);
        this.announcement = m(lang, 'uploaded', { name: file.name });
        this.#checkField(field, path, indices);
        this.requestUpdate();
      } catch (error) {
        if (isAbortError(error)) return;
        // The type was checked before the upload: refused as an unsupported type, the content is not what the
        // file's type says (a renamed file).
        const why =
          error instanceof ApiError && error.status === 415
            ? contentMismatch(field, file, lang)
            : describeError(error, lang);
        const message = `${m(lang, 'uploadFailed', { name: file.name })} ${why}`;
        this.reportError('upload', error, message);
        if (isRetryable(error)) {
          const failure = { files: files.slice(i), message: [...refused, message].join(' ') };
          this.uploadFailures = new Map(this.uploadFailures).set(pointer, failure);
          return;
        }
        // This file will never be taken: say so, and go on with the others.
        refused.push(message);
        this.uploadFailures = new Map(this.uploadFailures).set(pointer, {
          files: [],
          message: refused.join(' '),
        });
      } finally {
        const next = new Map(this.uploads);
        next.delete(pointer);
        this.uploads = next;
      }
    }
    if (refused.length > 0) return;
    const retried = this.uploadFailures.has(pointer);
    this.#clearUploadFailure(pointer);
    // The retry button is gone: keep the keyboard user at the field.
    if (retried) this.#focusAfterRender = () => (this.renderRoot as ShadowRoot).getElementById(domId(path));
  }

  #retryUpload(field: FileField, path: Path, indices: readonly number[]): void {
    const pointer = pointerOf(path);
    const failure = this.uploadFailures.get(pointer);
    // The button stays (and keeps focus) while the new attempt runs; further clicks do nothing.
    if (!failure || failure.files.length === 0 || this.uploads.has(pointer)) return;
    void this.#uploadFiles(field, path, indices, failure.files);
  }

  #clearUploadFailure(pointer: string): void {
    if (!this.uploadFailures.has(pointer)) return;
    const next = new Map(this.uploadFailures);
    next.delete(pointer);
    this.uploadFailures = next;
  }

  #removeFile(field: FileField, path: Path, indices: readonly number[], uploadId: string): void {
    const current = getAt(this.#answers, path);
    const list = Array.isArray(current) ? (current as FileRef[]) : [];
    this.#change(
      field,
      path,
      indices,
      list.filter((f) => f.uploadId !== uploadId),
    );
    this.requestUpdate();
  }

  // ---- rendering -----------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    if (!this.config.ok) return this.renderMissingConfig();
    return html`${this.#renderView()}${renderLiveRegion(this.announcement)}`;
  }

  #renderView(): TemplateResult | typeof nothing {
    const lang = this.uiLang;
    const def = this.#definition;
    switch (this.view) {
      case 'loading':
        return renderLoading({ lang, lines: 5 });
      case 'failed':
        return renderErrorAlert({
          lang,
          error: this.#loadError,
          message: this.#loadMessage(),
          onRetry: () => void this.#load(),
        });
      case 'choose':
        return html`${this.renderHeading(m(lang, 'chooseTitle'), 0, 'title')}
          <div class="ozg-alert ozg-alert--info" role="status" part="choose-service">
            <p>${m(lang, 'chooseService')}</p>
            ${this.catalogUrl ? html`<p><a href=${this.catalogUrl}>${m(lang, 'toCatalog')}</a></p>` : nothing}
          </div>`;
      case 'draft':
        return html`${this.renderHeading(localize(def!.title, lang), 0, 'title')}
          <div class="ozg-alert ozg-alert--info" role="status">
            <p>${this.#savedAt()}</p>
            ${this.#fromOtherVersion ? html`<p>${m(lang, 'draftChanged')}</p>` : nothing}
            <div class="actions">
              <button type="button" class="ozg-button" @click=${() => this.#restoreDraft()}>
                ${m(lang, 'draftRestore')}
              </button>
              <button
                type="button"
                class="ozg-button ozg-button--secondary"
                @click=${() => this.#discardDraft()}
              >
                ${m(lang, 'draftDiscard')}
              </button>
            </div>
          </div>`;
      case 'step':
        return this.#renderStep();
      case 'review':
        return this.#renderReview();
      case 'done':
        return this.#renderDone();
    }
  }

  /** „… zuletzt gespeichert am 8.12.2026 um 14:05 …“: the citizen's day and minute, no seconds. */
  #savedAt(): string {
    const lang = this.uiLang;
    const at = new Date(this.#draft!.savedAt);
    const locale = lang === 'en' ? 'en-GB' : 'de-DE';
    return m(lang, 'draftFound', {
      date: at.toLocaleDateString(locale, {
        day: 'numeric',
        month: lang === 'en' ? 'long' : 'numeric',
        year: 'numeric',
      }),
      time: at.toLocaleTimeString(locale, { timeStyle: 'short' }),
    });
  }

  #renderSummary(): TemplateResult | typeof nothing {
    if (!this.showSummary || this.errors.size === 0) return nothing;
    return html`<div
      class="summary"
      id="summary"
      tabindex="-1"
      part="error-summary"
      aria-labelledby="summary-title"
    >
      ${this.renderHeading(m(this.uiLang, 'summaryTitle'), 1, 'summary-title')}
      <ul>
        ${[...this.errors].map(
          ([pointer, detail]) =>
            html`<li>
              <a href="#${domId(tokensOf(pointer))}" @click=${(e: Event) => this.#focusPointer(e, pointer)}
                >${detail}</a
              >
            </li>`,
        )}
      </ul>
    </div>`;
  }

  #renderStep(): TemplateResult {
    const lang = this.uiLang;
    const compiled = this.#compiled!;
    const steps = this.#steps();
    const index = Math.max(
      0,
      steps.findIndex((s) => s.id === this.stepId),
    );
    const step = steps[index]!;
    const visible = new Set(compiled.visibleFields(step.id, this.#answers).map((f) => f.id));
    return html`${this.#renderCaption()}
      <p class="progress">${m(lang, 'stepOf', { current: index + 1, total: steps.length })}</p>
      ${this.renderHeading(localize(step.title, lang), 0, 'title')} ${this.#renderSummary()}
      ${step.description ? html`<p class="hint">${localize(step.description, lang)}</p>` : nothing}
      <form novalidate @submit=${(e: Event) => void this.#next(e)}>
        ${repeat(
          step.fields,
          (f) => f.id,
          // Hidden fields stay rendered but `hidden` (out of layout and the accessibility tree): a condition
          // that flips 30 fields costs 30 attribute changes, not 30 new inputs.
          (f) => html`<div ?hidden=${!visible.has(f.id)}>${this.#renderTopField(f)}</div>`,
        )}
        <div class="actions">
          <button
            type="submit"
            class="ozg-button"
            part="next-button"
            aria-disabled=${this.checkingPlace ? 'true' : 'false'}
          >
            ${
              this.checkingPlace
                ? m(lang, 'checkingPlace')
                : this.#returnToReview
                  ? m(lang, 'review')
                  : m(lang, index < steps.length - 1 ? 'next' : 'toReview')
            }
          </button>
          ${
            index > 0
              ? html`<button
                  type="button"
                  class="ozg-button ozg-button--secondary"
                  part="back-button"
                  @click=${() => this.#back()}
                >
                  ${m(lang, 'back')}
                </button>`
              : nothing
          }
        </div>
      </form>
      ${this.noDraft ? nothing : html`<p class="hint">${m(lang, 'draftNote')}</p>`}`;
  }

  /**
   * A top-level field re-renders only when something it shows changed: its answer, its error, an upload, the
   * language. A keystroke in a driving field thus touches only the fields that appear or disappear.
   */
  #renderTopField(field: Field): unknown {
    if (field.type === 'group') return this.#renderField(field, [field.id], []);
    const pointer = `/${field.id}`;
    return guard(
      [
        field,
        getAt(this.#answers, [field.id]),
        this.errors.get(pointer),
        this.uploads.get(pointer),
        this.uploadFailures.get(pointer),
        this.uiLang,
      ],
      () => this.#renderField(field, [field.id], []),
    );
  }

  #describedBy(id: string, hint: boolean, error: boolean): string | undefined {
    const ids = [hint ? `${id}.hint` : '', error ? `${id}.error` : ''].filter(Boolean).join(' ');
    return ids || undefined;
  }

  #renderField(field: Field, path: Path, indices: readonly number[]): TemplateResult | typeof nothing {
    const lang = this.uiLang;
    const id = domId(path);
    if (field.type === 'info') {
      return html`<div class="field">
        ${field.label ? html`<p><strong>${localize(field.label, lang)}</strong></p>` : nothing}
        <p>${localize(field.text, lang)}</p>
      </div>`;
    }
    const pointer = pointerOf(path);
    const error = this.errors.get(pointer);
    const hintText = fieldHint(field, this.#definition, this.#tenantInfo, lang);
    const describedBy = this.#describedBy(id, !!hintText, error !== undefined);
    if (field.type === 'group') {
      return renderGroup({
        field,
        path,
        indices,
        lang,
        hint: hintText,
        error,
        describedBy,
        value: () => getAt(this.#answers, path),
        children: (itemPath, itemIndices) =>
          field.fields
            .filter((child) => this.#compiled!.isVisible(child.id, this.#answers, itemIndices))
            .map((child) => this.#renderField(child, [...itemPath, child.id], itemIndices)),
        setItems: (next, focus) => {
          this.#change(field, path, indices, next);
          this.requestUpdate();
          // Into the new entry's first field; after a removal, to the group.
          this.#focusAfterRender = () => {
            const target = (this.renderRoot as ShadowRoot).getElementById(domId(focus));
            return focus.length > path.length ? target?.querySelector('input, select, textarea') : target;
          };
        },
      });
    }
    // A single checkbox that need not be ticked is a plain yes/no ("Ich wohne nicht in Deutschland."): not optional.
    const optional = !field.required && field.type !== 'checkbox';
    const label = html`${localize(field.label, lang)}${
      optional ? html` <span class="hint">${m(lang, 'optional')}</span>` : nothing
    }`;
    const hint = hintText ? html`<p class="hint" id="${id}.hint">${hintText}</p>` : nothing;
    const errorText =
      error !== undefined
        ? html`<p class="error" id="${id}.error">
            <span class="ozg-visually-hidden">${lang === 'en' ? 'Error:' : 'Fehler:'}</span> ${error}
          </p>`
        : nothing;
    const value = getAt(this.#answers, path);
    const leave = (e: FocusEvent) => this.#onLeave(e, field, path, indices);
    const invalid: 'true' | 'false' = error !== undefined ? 'true' : 'false';
    const cls = `field${error !== undefined ? ' field--error' : ''}`;
    /** Several inputs of one answer: a fieldset with the label as legend. */
    const fieldset = (inputs: unknown) =>
      html`<div class=${cls} @focusout=${leave}>
        <fieldset aria-describedby=${ifDefined(describedBy)}>
          <legend>${label}</legend>
          ${hint} ${errorText} ${inputs}
        </fieldset>
      </div>`;

    switch (field.type) {
      case 'date':
        return fieldset(
          renderDateInputs(field, lang, id, value, error !== undefined, (v) =>
            this.#change(field, path, indices, v),
          ),
        );
      case 'radio':
      case 'checkbox-group': {
        const chosen = Array.isArray(value) ? (value as string[]) : [];
        return fieldset(
          field.options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}.${i}`;
            return field.type === 'radio'
              ? html`<div class="choice">
                  <input
                    type="radio"
                    id=${optionId}
                    name=${id}
                    .value=${o.value}
                    .checked=${live(value === o.value)}
                    aria-invalid=${invalid}
                    @change=${() => this.#change(field, path, indices, o.value)}
                  />
                  <label for=${optionId}>${localize(o.label, lang)}</label>
                </div>`
              : html`<div class="choice">
                  <input
                    type="checkbox"
                    id=${optionId}
                    .value=${o.value}
                    .checked=${live(chosen.includes(o.value))}
                    aria-invalid=${invalid}
                    @change=${(e: Event) => {
                      const on = (e.target as HTMLInputElement).checked;
                      const saved = getAt(this.#answers, path);
                      const now = Array.isArray(saved) ? (saved as string[]) : [];
                      const next = on
                        ? [...now.filter((v) => v !== o.value), o.value]
                        : now.filter((v) => v !== o.value);
                      this.#change(field, path, indices, next);
                    }}
                  />
                  <label for=${optionId}>${localize(o.label, lang)}</label>
                </div>`;
          }),
        );
      }
      case 'checkbox':
        return html`<div class=${cls} @focusout=${leave}>
          ${errorText}
          <div class="choice">
            <input
              type="checkbox"
              id=${id}
              .checked=${live(value === true)}
              aria-invalid=${invalid}
              aria-describedby=${ifDefined(describedBy)}
              @change=${(e: Event) => {
                this.#change(field, path, indices, (e.target as HTMLInputElement).checked);
                this.#checkField(field, path, indices);
              }}
            />
            <label for=${id}>${label}</label>
          </div>
          ${hint}
        </div>`;
      case 'select':
        return html`<div class=${cls} @focusout=${leave}>
          <label for=${id}>${label}</label>
          ${hint} ${errorText}
          <select
            id=${id}
            .autocomplete=${(field.autocomplete ?? '') as AutoFill}
            aria-invalid=${invalid}
            aria-describedby=${ifDefined(describedBy)}
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.#change(field, path, indices, v === '' ? undefined : v);
              this.#checkField(field, path, indices);
            }}
          >
            <option value="" ?selected=${value === undefined}>${m(lang, 'choose')}</option>
            ${field.options.map(
              (o) =>
                html`<option .value=${o.value} ?selected=${value === o.value}>
                  ${localize(o.label, lang)}
                </option>`,
            )}
          </select>
        </div>`;
      case 'textarea':
        return html`<div class=${cls} @focusout=${leave}>
          <label for=${id}>${label}</label>
          ${hint} ${errorText}
          <textarea
            id=${id}
            rows="5"
            .value=${live(typeof value === 'string' ? value : '')}
            maxlength=${ifDefined(field.maxLength)}
            .autocomplete=${(field.autocomplete ?? '') as AutoFill}
            aria-invalid=${invalid}
            aria-describedby=${ifDefined(describedBy)}
            @input=${(e: Event) => this.#change(field, path, indices, (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>`;
      case 'file':
        return this.#renderFile(field, path, indices, { cls, label, hint, errorText, describedBy, invalid });
      default: {
        const kind = INPUTS[field.type] ?? { type: 'text' };
        const input = html`<input
          id=${id}
          type=${kind.type}
          inputmode=${ifDefined(kind.inputmode)}
          .autocomplete=${((field.autocomplete as AutoFill | undefined) ?? kind.autocomplete ?? '') as AutoFill}
          spellcheck=${field.type === 'iban' || field.type === 'email' ? 'false' : 'true'}
          maxlength=${ifDefined('maxLength' in field ? field.maxLength : undefined)}
          .value=${live(typeof value === 'string' || typeof value === 'number' ? String(value) : '')}
          aria-invalid=${invalid}
          aria-describedby=${ifDefined(describedBy)}
          @input=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            this.#change(field, path, indices, v === '' ? undefined : v);
          }}
        />`;
        return html`<div class=${cls} @focusout=${leave}>
          <label for=${id}>${label}</label>
          ${hint} ${errorText}
          ${
            field.type === 'number' && field.unit
              ? html`<div class="unit">${input}<span>${field.unit}</span></div>`
              : input
          }
        </div>`;
      }
    }
  }

  #renderFile(
    field: FileField,
    path: Path,
    indices: readonly number[],
    parts: {
      cls: string;
      label: unknown;
      hint: unknown;
      errorText: unknown;
      describedBy: string | undefined;
      invalid: 'true' | 'false';
    },
  ): TemplateResult {
    const lang = this.uiLang;
    const id = domId(path);
    const value = getAt(this.#answers, path);
    const files = Array.isArray(value) ? (value as FileRef[]) : [];
    const upload = this.uploads.get(pointerOf(path));
    const failure = this.uploadFailures.get(pointerOf(path));
    const full = field.maxFiles !== undefined && files.length >= field.maxFiles;
    const describedBy = failure
      ? [parts.describedBy, `${id}.upload-error`].filter(Boolean).join(' ')
      : parts.describedBy;
    return html`<div class=${parts.cls}>
      <label for=${id}>${parts.label}</label>
      ${parts.hint} ${parts.errorText}
      <input
        id=${id}
        type="file"
        accept=${ifDefined(field.accept?.join(','))}
        ?multiple=${field.maxFiles === undefined || field.maxFiles > 1}
        ?disabled=${full || upload !== undefined}
        aria-invalid=${parts.invalid}
        aria-describedby=${ifDefined(describedBy)}
        @change=${(e: Event) => void this.#addFiles(field, path, indices, e.target as HTMLInputElement)}
      />
      ${
        failure
          ? html`<div class="ozg-alert" role="alert" part="upload-error" id="${id}.upload-error">
              <p>${failure.message}</p>
              ${
                failure.files.length === 0
                  ? nothing
                  : html`<button
                      type="button"
                      class="ozg-button ozg-button--secondary"
                      part="retry-button"
                      aria-disabled=${upload ? 'true' : 'false'}
                      @click=${() => this.#retryUpload(field, path, indices)}
                    >
                      ${m(lang, 'retryUpload', { name: failure.files[0]?.name ?? '' })}
                    </button>`
              }
            </div>`
          : nothing
      }
      ${
        upload
          ? html`<p>
              <progress max="100" .value=${upload.percent} aria-label=${upload.name}></progress>
              ${m(lang, 'uploading', { name: upload.name, percent: upload.percent })}
            </p>`
          : nothing
      }
      ${
        files.length > 0
          ? html`<ul class="files">
              ${files.map(
                (f) =>
                  html`<li>
                    <span>${f.name} (${formatBytes(f.size, lang)})</span>
                    <button
                      type="button"
                      class="link"
                      @click=${() => this.#removeFile(field, path, indices, f.uploadId)}
                    >
                      ${m(lang, 'removeFile', { name: f.name })}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }

  // ---- review and confirmation ---------------------------------------------------------------------------

  #display(field: Field, value: unknown): string {
    const lang = this.uiLang;
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      return m(lang, 'noAnswer');
    switch (field.type) {
      case 'select':
      case 'radio':
        return localize(field.options.find((o) => o.value === value)?.label, lang) ?? String(value);
      case 'checkbox-group':
        return (Array.isArray(value) ? (value as string[]) : [String(value)])
          .map((v) => localize(field.options.find((o) => o.value === v)?.label, lang) ?? v)
          .join(', ');
      case 'checkbox':
        return value === true ? m(lang, 'yes') : m(lang, 'no');
      case 'file':
        return Array.isArray(value) ? (value as FileRef[]).map((f) => f.name).join(', ') : String(value);
      case 'date': {
        // A date not yet complete (a draft) as typed.
        const parts = splitDate(value);
        return parts && !dateProblem(value) ? formatDate(isoDate(parts), lang) : String(value);
      }
      default:
        return String(value);
    }
  }

  #renderAnswers(fields: readonly Field[], container: unknown, indices: readonly number[]): TemplateResult {
    const compiled = this.#compiled!;
    const lang = this.uiLang;
    const rows = fields
      .filter((f) => f.type !== 'info' && compiled.isVisible(f.id, this.#answers, indices))
      .map((f) => {
        const value = isRecord(container) && Object.hasOwn(container, f.id) ? container[f.id] : undefined;
        if (f.type === 'group') {
          const items = f.repeatable ? (Array.isArray(value) ? value : []) : [value];
          return html`<div class="group">
            <dt>${localize(f.label, lang)}</dt>
            <dd>
              ${items.map(
                (item, i) =>
                  html`${f.repeatable ? html`<strong>${itemName(f, lang)} ${i + 1}</strong>` : nothing}
                    <dl>
                      ${this.#renderAnswers(f.fields, item, f.repeatable ? [...indices, i] : indices)}
                    </dl>`,
              )}
            </dd>
          </div>`;
        }
        return html`<div>
          <dt>${localize(f.label, lang)}</dt>
          <dd>${this.#display(f, value)}</dd>
        </div>`;
      });
    return html`${rows}`;
  }

  #renderReview(): TemplateResult {
    const lang = this.uiLang;
    const compiled = this.#compiled!;
    const tenant = this.#tenantInfo;
    const consentError = this.errors.get('/consent');
    const found = this.#placeFound();
    return html`${this.#renderCaption()} ${this.renderHeading(m(lang, 'review'), 0, 'title')}
      ${this.#renderSummary()}
      <p>${m(lang, 'reviewIntro')}</p>
      ${this.#steps().map((step) => {
        const title = localize(step.title, lang);
        return html`<section>
          ${this.renderHeading(title, 1)}
          <dl class="answers">
            ${this.#renderAnswers(compiled.visibleFields(step.id, this.#answers), this.#answers, [])}
          </dl>
          <p>
            <button type="button" class="link" @click=${() => this.#changeStep(step.id)}>
              ${m(lang, 'change')}<span class="ozg-visually-hidden"> – ${title}</span>
            </button>
          </p>
        </section>`;
      })}
      <div class="field${consentError ? ' field--error' : ''}">
        ${
          tenant
            ? html`<p>
                <a href=${tenant.privacyNoticeUrl} target="_blank" rel="noopener"
                  >${m(lang, 'consentLink')}</a
                >
              </p>`
            : nothing
        }
        ${
          consentError
            ? html`<p class="error" id="f.consent.error">
                <span class="ozg-visually-hidden">${lang === 'en' ? 'Error:' : 'Fehler:'}</span>
                ${consentError}
              </p>`
            : nothing
        }
        <div class="choice">
          <input
            type="checkbox"
            id="f.consent"
            .checked=${this.consent}
            aria-invalid=${consentError ? 'true' : 'false'}
            aria-describedby=${ifDefined(consentError ? 'f.consent.error' : undefined)}
            @change=${(e: Event) => {
              this.consent = (e.target as HTMLInputElement).checked;
              if (this.consent && this.errors.has('/consent')) this.errors = new Map();
              this.#saveDraft();
            }}
          />
          <label for="f.consent"
            >${localize(tenant?.privacyAcknowledgement, lang) ?? m(lang, 'consent')}</label
          >
        </div>
      </div>
      ${
        found
          ? html`<p part="responsible">
              ${m(lang, 'routedTo', { authority: localize(found.authority.name, lang), place: found.placeName })}
            </p>`
          : nothing
      }
      ${
        this.submitError !== undefined
          ? renderErrorAlert({ lang, error: this.submitError, onRetry: () => void this.#submit() })
          : nothing
      }
      <div class="actions">
        <button
          type="button"
          class="ozg-button"
          part="submit-button"
          aria-disabled=${this.submitting ? 'true' : 'false'}
          @click=${() => void this.#submit()}
        >
          ${this.submitting ? m(lang, 'submitting') : m(lang, 'submit')}
        </button>
        <button
          type="button"
          class="ozg-button ozg-button--secondary"
          @click=${() => {
            const steps = this.#steps();
            const last = steps[steps.length - 1];
            if (last) {
              this.#showStep(last.id);
            }
          }}
        >
          ${m(lang, 'back')}
        </button>
      </div>`;
  }

  /** The service's name, above every step, the check-answers page and the confirmation. */
  #renderCaption(): TemplateResult | typeof nothing {
    const name = this.#serviceName;
    return name ? html`<p class="caption" part="service-name">${localize(name, this.uiLang)}</p>` : nothing;
  }

  #renderDone(): TemplateResult {
    const receipt = this.#receipt!;
    return renderReceipt({
      lang: this.uiLang,
      receipt,
      service: localize(this.#serviceName ?? this.#definition!.title, this.uiLang),
      statusHref: statusLink(this.statusUrl ?? this.#tenantInfo?.statusPageUrl, receipt, document.baseURI),
      mailed: mailsReceipt(this.#compiled, this.#tenantInfo, this.#answers),
      heading: (content, offset, id) => this.renderHeading(content, offset, id),
      onPrint: () => window.print(),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-form': OzgForm;
  }
}

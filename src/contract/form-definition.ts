/**
 * The form definition format: steps → fields, with a small declarative condition language.
 *
 * Definitions are data (JSON files an operator edits); nothing in them is executed as code. Field ids are
 * unique within a definition (FIM-style ids such as `F60000236` are allowed). Submitted data is an object
 * keyed by field id; a group's answers are nested under the group's id (an array of such objects when the
 * group is repeatable); `info` fields carry no value.
 */
import * as z from 'zod/mini';
import { Id, LocalizedText, named } from './common.ts';

export const FieldId = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/));

/** A value a condition compares against. */
export const ConditionValue = z.union([z.string(), z.number(), z.boolean()]);
export type ConditionValue = z.infer<typeof ConditionValue>;

/**
 * A condition over the answers. Exactly one shape per object:
 * `{ all: [...] }`, `{ any: [...] }`, `{ not: c }`, `{ field, equals }`, `{ field, notEquals }`,
 * `{ field, in: [...] }`, `{ field, filled: true|false }`, `{ field, gt }`, `{ field, gte }`,
 * `{ field, lt }`, `{ field, lte }`, `{ field, contains }` (a checkbox-group includes a value).
 * Inside a repeatable group, a reference to a field of the same group means the same repetition.
 * A condition may refer only to fields the citizen has already seen: fields of the same or an earlier step
 * (a step's own condition: earlier steps only), never into a repeatable group from outside it.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; equals: ConditionValue }
  | { field: string; notEquals: ConditionValue }
  | { field: string; in: ConditionValue[] }
  | { field: string; filled: boolean }
  | { field: string; gt: number }
  | { field: string; gte: number }
  | { field: string; lt: number }
  | { field: string; lte: number }
  | { field: string; contains: ConditionValue };

export const Condition: z.ZodMiniType<Condition> = named(
  z.lazy(() =>
    z.union([
      z.strictObject({ all: z.array(Condition).check(z.minLength(1)) }),
      z.strictObject({ any: z.array(Condition).check(z.minLength(1)) }),
      z.strictObject({ not: Condition }),
      z.strictObject({ field: FieldId, equals: ConditionValue }),
      z.strictObject({ field: FieldId, notEquals: ConditionValue }),
      z.strictObject({ field: FieldId, in: z.array(ConditionValue).check(z.minLength(1)) }),
      z.strictObject({ field: FieldId, filled: z.boolean() }),
      z.strictObject({ field: FieldId, gt: z.number() }),
      z.strictObject({ field: FieldId, gte: z.number() }),
      z.strictObject({ field: FieldId, lt: z.number() }),
      z.strictObject({ field: FieldId, lte: z.number() }),
      z.strictObject({ field: FieldId, contains: ConditionValue }),
    ]),
  ),
  'Condition',
  'Declarative condition over the answers (all/any/not/equals/notEquals/in/filled/gt/gte/lt/lte/contains).',
);

export const Option = named(
  z.object({ value: z.string().check(z.minLength(1)), label: LocalizedText }),
  'Option',
);
export type Option = z.infer<typeof Option>;

/** Properties every field has. */
const base = {
  id: FieldId,
  label: LocalizedText,
  hint: z.optional(LocalizedText),
  required: z.optional(z.boolean()),
  visibleWhen: z.optional(Condition),
  /** An HTML autocomplete token (e.g. `given-name`, `postal-code`, `email`). */
  autocomplete: z.optional(z.string().check(z.regex(/^[a-z0-9 -]+$/))),
};

const length = {
  minLength: z.optional(z.int().check(z.gte(0))),
  maxLength: z.optional(z.int().check(z.gte(1))),
};

export const TextField = z.object({
  ...base,
  type: z.literal('text'),
  ...length,
  /** A regular expression (JavaScript syntax, matched against the whole value). */
  pattern: z.optional(z.string()),
  /** What to tell the citizen when the pattern does not match. */
  patternMessage: z.optional(LocalizedText),
});
export const TextareaField = z.object({ ...base, type: z.literal('textarea'), ...length });
export const NumberField = z.object({
  ...base,
  type: z.literal('number'),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  integer: z.optional(z.boolean()),
  /** Unit shown next to the input, e.g. "m²", "€". */
  unit: z.optional(z.string()),
});
/**
 * A date, asked as separate day, month and year inputs. Its answer is an ISO date (`YYYY-MM-DD`); while the citizen
 * types, a draft may hold the parts as entered (`1984-5-`), which the form engine reports part by part and turns
 * into `YYYY-MM-DD` once they name a real day. `min` / `max` are ISO dates or `today`. With `autocomplete: "bday"`
 * the parts get `bday-day`, `bday-month` and `bday-year`.
 */
export const DateField = z.object({
  ...base,
  type: z.literal('date'),
  min: z.optional(z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2}|today)$/))),
  max: z.optional(z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2}|today)$/))),
});
export const EmailField = z.object({
  ...base,
  type: z.literal('email'),
  maxLength: z.optional(z.int().check(z.gte(1))),
});
export const TelField = z.object({
  ...base,
  type: z.literal('tel'),
  maxLength: z.optional(z.int().check(z.gte(1))),
});
export const SelectField = z.object({
  ...base,
  type: z.literal('select'),
  options: z.array(Option).check(z.minLength(1)),
});
export const RadioField = z.object({
  ...base,
  type: z.literal('radio'),
  options: z.array(Option).check(z.minLength(1)),
});
/** A single yes/no checkbox; `required` means it must be ticked (e.g. a declaration). */
export const CheckboxField = z.object({ ...base, type: z.literal('checkbox') });
export const CheckboxGroupField = z.object({
  ...base,
  type: z.literal('checkbox-group'),
  options: z.array(Option).check(z.minLength(1)),
  minSelected: z.optional(z.int().check(z.gte(0))),
  maxSelected: z.optional(z.int().check(z.gte(1))),
});
export const FileField = z.object({
  ...base,
  type: z.literal('file'),
  /** Accepted MIME types, e.g. `application/pdf`, `image/jpeg`. */
  accept: z.optional(z.array(z.string().check(z.regex(/^[a-z]+\/[a-z0-9.+*-]+$/)))),
  /** Largest size of one file in bytes. */
  maxSize: z.optional(z.int().check(z.gte(1))),
  maxFiles: z.optional(z.int().check(z.gte(1))),
});
/** An IBAN, checked with its ISO 13616 checksum. */
export const IbanField = z.object({ ...base, type: z.literal('iban') });
/** A German postal code (five digits). */
export const PostalCodeField = z.object({ ...base, type: z.literal('postal-code') });
/** Static text between fields. Has no value. */
export const InfoField = z.object({
  id: FieldId,
  type: z.literal('info'),
  label: z.optional(LocalizedText),
  text: LocalizedText,
  visibleWhen: z.optional(Condition),
});

export type GroupField = {
  id: string;
  type: 'group';
  label: LocalizedText;
  hint?: LocalizedText | undefined;
  required?: boolean | undefined;
  visibleWhen?: Condition | undefined;
  autocomplete?: string | undefined;
  fields: Field[];
  /** Present when the group may be repeated (e.g. several owners); bounds the number of repetitions. */
  repeatable?: { min: number; max: number } | undefined;
  /**
   * What one repetition is called, numbered on the form and the check-answers page („Baum 1“, „Baum 2“);
   * without it the group's label is used.
   */
  itemLabel?: LocalizedText | undefined;
};

export const GroupField: z.ZodMiniType<GroupField> = z.object({
  ...base,
  type: z.literal('group'),
  get fields() {
    return z.array(Field).check(z.minLength(1));
  },
  repeatable: z.optional(
    z
      .object({ min: z.int().check(z.gte(0)), max: z.int().check(z.gte(1)) })
      .check(z.refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] })),
  ),
  itemLabel: z.optional(LocalizedText),
});

export type TextField = z.infer<typeof TextField>;
export type TextareaField = z.infer<typeof TextareaField>;
export type NumberField = z.infer<typeof NumberField>;
export type DateField = z.infer<typeof DateField>;
export type EmailField = z.infer<typeof EmailField>;
export type TelField = z.infer<typeof TelField>;
export type SelectField = z.infer<typeof SelectField>;
export type RadioField = z.infer<typeof RadioField>;
export type CheckboxField = z.infer<typeof CheckboxField>;
export type CheckboxGroupField = z.infer<typeof CheckboxGroupField>;
export type FileField = z.infer<typeof FileField>;
export type IbanField = z.infer<typeof IbanField>;
export type PostalCodeField = z.infer<typeof PostalCodeField>;
export type InfoField = z.infer<typeof InfoField>;

export type Field =
  | TextField
  | TextareaField
  | NumberField
  | DateField
  | EmailField
  | TelField
  | SelectField
  | RadioField
  | CheckboxField
  | CheckboxGroupField
  | FileField
  | IbanField
  | PostalCodeField
  | InfoField
  | GroupField;

export type FieldType = Field['type'];

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'email',
  'tel',
  'select',
  'radio',
  'checkbox',
  'checkbox-group',
  'file',
  'iban',
  'postal-code',
  'info',
  'group',
] as const satisfies readonly FieldType[];

export const Field: z.ZodMiniType<Field> = named(
  z.lazy(() =>
    z.discriminatedUnion('type', [
      TextField,
      TextareaField,
      NumberField,
      DateField,
      EmailField,
      TelField,
      SelectField,
      RadioField,
      CheckboxField,
      CheckboxGroupField,
      FileField,
      IbanField,
      PostalCodeField,
      InfoField,
      GroupField as unknown as typeof InfoField,
    ]),
  ) as unknown as z.ZodMiniType<Field>,
  'Field',
  'One field of a form definition, discriminated by `type`.',
);

export const Step = named(
  z.object({
    id: FieldId,
    title: LocalizedText,
    description: z.optional(LocalizedText),
    fields: z.array(Field).check(z.minLength(1)),
    visibleWhen: z.optional(Condition),
  }),
  'Step',
  'One step (page) of a form.',
);
export type Step = z.infer<typeof Step>;

/**
 * What the law makes decide the responsible authority (örtliche Zuständigkeit) of a form's service:
 * `business` (the business premises, e.g. Gewerbeanmeldung), `plot` (the plot, e.g. Baumfällgenehmigung),
 * `event` (where an assembly or event takes place), `residence` (the applicant's usual residence, only where the
 * law says so, e.g. kleiner Waffenschein). Applicants may live anywhere; only this place must lie in the area.
 */
export const ROUTING_BASES = ['business', 'plot', 'event', 'residence'] as const;
export type RoutingBasis = (typeof ROUTING_BASES)[number];

/**
 * The fields that name the place of the matter. The server derives the Gemeinde (ARS) from these answers and
 * routes the application by it; the client cannot choose the authority.
 */
export const FormRouting = named(
  z.object({
    by: z.enum(ROUTING_BASES),
    /** A `postal-code` field directly in a step, required and always shown. */
    postalCode: FieldId,
    /**
     * A `text` field with the town (Ort) of that place, in the same step, required and always shown: picks the
     * Gemeinde where several share the postal code.
     */
    place: FieldId,
  }),
  'FormRouting',
  'The fields naming the place that decides the responsible authority (business premises, plot, event, residence).',
);
export type FormRouting = z.infer<typeof FormRouting>;

/**
 * How the backend reaches the applicant: the `email` field whose answer receives the receipt and the notices about
 * the application, when the operator has set up mail. Without it (or without an answer) nobody is mailed.
 */
export const FormContact = named(
  z.object({
    /** An `email` field directly in a step (not in a group). */
    email: FieldId,
  }),
  'FormContact',
  "The field with the applicant's e-mail address for the receipt and notices.",
);
export type FormContact = z.infer<typeof FormContact>;

export const FormDefinition = named(
  z.object({
    id: Id,
    /** Increases whenever the definition changes; drafts and submissions name the version they used. */
    version: z.int().check(z.gte(1)),
    title: LocalizedText,
    /** The service this form applies for. */
    serviceId: z.optional(Id),
    /** What decides the responsible authority; required for every form of a catalog (checked on start). */
    routing: z.optional(FormRouting),
    /** Where mail about the application goes. */
    contact: z.optional(FormContact),
    steps: z.array(Step).check(z.minLength(1)),
  }),
  'FormDefinition',
  'A form: steps of fields with declarative conditions. Data, never code.',
);
export type FormDefinition = z.infer<typeof FormDefinition>;

/** A reference to an uploaded file, as stored in the answers of a `file` field. */
export const FileRef = named(
  z.object({
    uploadId: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/)),
    name: z.string().check(z.minLength(1), z.maxLength(255)),
    size: z.int().check(z.gte(0)),
    type: z.string().check(z.minLength(1), z.maxLength(127)),
  }),
  'FileRef',
  'An uploaded file referenced from the answers of a file field.',
);
export type FileRef = z.infer<typeof FileRef>;

/** Answers keyed by field id. Values: string, number, boolean, string[], FileRef[], nested objects. */
export const FormAnswers = named(
  z.record(z.string(), z.unknown()),
  'FormAnswers',
  'Answers keyed by field id; validated by the compiled validator of the form definition.',
);
export type FormAnswers = Record<string, unknown>;

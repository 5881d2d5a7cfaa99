/**
 * Design tokens of all widgets as CSS custom properties.
 *
 * Host pages theme the widgets by setting the public `--ozg-*` properties anywhere above them
 * (e.g. on `body` or `<ozg-config>`); the defaults pick up KERN tokens when the page uses KERN.
 * Inside components, always read the private counterpart `--_ozg-*` (same name with `_`): it holds
 * the page's value, else the tenant's theme from the backend (`--_ozg-tenant-*`, see
 * `OzgElement.loadTenant`), else the default. A value the page sets on any ancestor always wins.
 *
 * | Token | Default | Used for |
 * | --- | --- | --- |
 * | `--ozg-font-family` | `var(--kern-typography-font-family-default)`, else inherited from the page | Text |
 * | `--ozg-color-text` | `var(--kern-color-layout-text-default, #1b1b1b)` | Body text |
 * | `--ozg-color-text-muted` | `#4a4a4a` | Secondary text (8.9:1 on white) |
 * | `--ozg-color-background` | `#ffffff` | Surfaces of inputs and cards |
 * | `--ozg-color-surface` | `#f2f4f7` | Subtle backgrounds, skeletons |
 * | `--ozg-color-border` | `#6b6b6b` | Borders of inputs and cards (5.3:1) |
 * | `--ozg-color-primary` | `var(--kern-color-action-default, #0a57a4)` | Buttons, links (7.2:1 on white) |
 * | `--ozg-color-primary-hover` | `#07417b` | Hovered buttons |
 * | `--ozg-color-on-primary` | `#ffffff` | Text on primary |
 * | `--ozg-color-error` | `#b01c1c` | Error text and borders (6.9:1) |
 * | `--ozg-color-error-background` | `#fdecec` | Error alert background |
 * | `--ozg-color-success` | `#1d6b35` | Success text and borders (6.5:1) |
 * | `--ozg-color-success-background` | `#e8f5ec` | Success alert background |
 * | `--ozg-color-warning` | `#7a4a00` | Warning text and borders (7.5:1) |
 * | `--ozg-color-warning-background` | `#fff4e0` | Warning alert background |
 * | `--ozg-color-focus` | `#0a57a4` | Focus ring colour |
 * | `--ozg-focus-ring-width` | `3px` | Focus ring width (offset 2px) |
 * | `--ozg-space-xs` / `-s` / `-m` / `-l` / `-xl` | `0.25rem` / `0.5rem` / `1rem` / `1.5rem` / `2rem` | Spacing |
 * | `--ozg-radius` | `0.25rem` | Corner radius |
 * | `--ozg-duration` | `150ms` (`0s` with `prefers-reduced-motion`) | Transitions and animations |
 *
 * Text colours meet WCAG AA (4.5:1) on `--ozg-color-background` and their alert backgrounds.
 */
import { css } from 'lit';

/** Private token variables with their defaults; include first in every element's `styles`. */
export const tokens = css`
  :host {
    --_ozg-font-family: var(
      --ozg-font-family,
      var(--_ozg-tenant-font-family, var(--kern-typography-font-family-default))
    );
    --_ozg-color-text: var(
      --ozg-color-text,
      var(--_ozg-tenant-color-text, var(--kern-color-layout-text-default, #1b1b1b))
    );
    --_ozg-color-text-muted: var(--ozg-color-text-muted, var(--_ozg-tenant-color-text-muted, #4a4a4a));
    --_ozg-color-background: var(--ozg-color-background, var(--_ozg-tenant-color-background, #ffffff));
    --_ozg-color-surface: var(--ozg-color-surface, var(--_ozg-tenant-color-surface, #f2f4f7));
    --_ozg-color-border: var(--ozg-color-border, var(--_ozg-tenant-color-border, #6b6b6b));
    --_ozg-color-primary: var(
      --ozg-color-primary,
      var(--_ozg-tenant-color-primary, var(--kern-color-action-default, #0a57a4))
    );
    --_ozg-color-primary-hover: var(
      --ozg-color-primary-hover,
      var(--_ozg-tenant-color-primary-hover, #07417b)
    );
    --_ozg-color-on-primary: var(--ozg-color-on-primary, var(--_ozg-tenant-color-on-primary, #ffffff));
    --_ozg-color-error: var(--ozg-color-error, var(--_ozg-tenant-color-error, #b01c1c));
    --_ozg-color-error-background: var(
      --ozg-color-error-background,
      var(--_ozg-tenant-color-error-background, #fdecec)
    );
    --_ozg-color-success: var(--ozg-color-success, var(--_ozg-tenant-color-success, #1d6b35));
    --_ozg-color-success-background: var(
      --ozg-color-success-background,
      var(--_ozg-tenant-color-success-background, #e8f5ec)
    );
    --_ozg-color-warning: var(--ozg-color-warning, var(--_ozg-tenant-color-warning, #7a4a00));
    --_ozg-color-warning-background: var(
      --ozg-color-warning-background,
      var(--_ozg-tenant-color-warning-background, #fff4e0)
    );
    --_ozg-color-focus: var(--ozg-color-focus, var(--_ozg-tenant-color-focus, #0a57a4));
    --_ozg-focus-ring-width: var(--ozg-focus-ring-width, var(--_ozg-tenant-focus-ring-width, 3px));
    --_ozg-space-xs: var(--ozg-space-xs, var(--_ozg-tenant-space-xs, 0.25rem));
    --_ozg-space-s: var(--ozg-space-s, var(--_ozg-tenant-space-s, 0.5rem));
    --_ozg-space-m: var(--ozg-space-m, var(--_ozg-tenant-space-m, 1rem));
    --_ozg-space-l: var(--ozg-space-l, var(--_ozg-tenant-space-l, 1.5rem));
    --_ozg-space-xl: var(--ozg-space-xl, var(--_ozg-tenant-space-xl, 2rem));
    --_ozg-radius: var(--ozg-radius, var(--_ozg-tenant-radius, 0.25rem));
    --_ozg-duration: var(--ozg-duration, var(--_ozg-tenant-duration, 150ms));

    /* Invalid when no font token is set, so the property falls back to the page's font. */
    font-family: var(--_ozg-font-family);
    color: var(--_ozg-color-text);
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_ozg-duration: 0s;
    }
  }
`;

/** Registers `<ozg-authority-inbox>`. */
import { OzgAuthorityInbox } from './elements/ozg-authority-inbox/ozg-authority-inbox.ts';

export { OzgAuthorityInbox };
export type { OzgStatusEventDetail } from './elements/ozg-authority-inbox/ozg-authority-inbox.ts';

if (!customElements.get('ozg-authority-inbox'))
  customElements.define('ozg-authority-inbox', OzgAuthorityInbox);

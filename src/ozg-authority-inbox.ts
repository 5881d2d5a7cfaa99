/** Registers `<ozg-authority-inbox>`. */
import { OzgAuthorityInbox } from './elements/ozg-authority-inbox/ozg-authority-inbox.ts';
import { define } from './ui/define.ts';

export { OzgAuthorityInbox };
export type { OzgStatusEventDetail } from './elements/ozg-authority-inbox/ozg-authority-inbox.ts';

define('ozg-authority-inbox', OzgAuthorityInbox);

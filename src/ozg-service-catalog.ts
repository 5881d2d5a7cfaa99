/** Registers `<ozg-service-catalog>`. */
import { OzgServiceCatalog } from './elements/ozg-service-catalog/ozg-service-catalog.ts';
import { define } from './ui/define.ts';

export { OzgServiceCatalog };
export type { OzgServiceStartDetail } from './elements/ozg-service-catalog/ozg-service-catalog.ts';

define('ozg-service-catalog', OzgServiceCatalog);

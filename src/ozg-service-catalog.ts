/** Registers `<ozg-service-catalog>`. */
import { OzgServiceCatalog } from './elements/ozg-service-catalog/ozg-service-catalog.ts';

export { OzgServiceCatalog };
export type { OzgServiceStartDetail } from './elements/ozg-service-catalog/ozg-service-catalog.ts';

if (!customElements.get('ozg-service-catalog'))
  customElements.define('ozg-service-catalog', OzgServiceCatalog);

/** Registers `<ozg-config>`. */
import { OzgConfig } from './elements/ozg-config/ozg-config.ts';

export { OzgConfig };

if (!customElements.get('ozg-config')) customElements.define('ozg-config', OzgConfig);

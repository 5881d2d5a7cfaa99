/** Registers `<ozg-config>`. */
import { OzgConfig } from './elements/ozg-config/ozg-config.ts';
import { define } from './ui/define.ts';

export { OzgConfig };

define('ozg-config', OzgConfig);

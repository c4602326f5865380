export { CATALOGUES, NAMESPACES } from './catalogues';
export { formatDateTime, formatDay, isLanguage, languageOf, translate } from './translate';
export type { MessageValues } from './translate';

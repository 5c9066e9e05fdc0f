export { type AnonymizeOptions, anonymize, anonymizeTextBody } from './anonymize';
export { AnonymizationContext } from './context';
export { PLACEHOLDERS } from './placeholders';

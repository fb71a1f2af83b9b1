import { defaultPod, podFieldSelectors, validatePod } from '../kinds/pod.js';
import { defineResource } from './define.js';
import { podTable } from '../tables/pod.js';

export const pods = defineResource({
  group: '',
  version: 'v1',
  resource: 'pods',
  kind: 'Pod',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  subresources: ['status', 'log'],
  statusSubresource: true,
  generation: 'none',
  table: podTable,
  defaults: defaultPod,
  validate: validatePod,
  fieldSelectors: podFieldSelectors,
});

import { defaultSecret, secretFieldSelectors, validateSecret } from '../kinds/data-keys.js';
import { defineResource } from './define.js';
import { secretTable } from '../tables/secret.js';

export const secrets = defineResource({
  group: '',
  version: 'v1',
  resource: 'secrets',
  kind: 'Secret',
  singular: 'secret',
  namespaced: true,
  generation: 'none',
  table: secretTable,
  defaults: defaultSecret,
  validate: validateSecret,
  fieldSelectors: secretFieldSelectors,
});

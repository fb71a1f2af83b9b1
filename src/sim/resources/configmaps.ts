import { configMapTable } from '../tables/configmap.js';
import { defineResource } from './define.js';
import { validateConfigMap } from '../kinds/data-keys.js';

export const configMaps = defineResource({
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  generation: 'none',
  table: configMapTable,
  validate: validateConfigMap,
});

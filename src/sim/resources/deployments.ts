import { defaultDeployment, validateDeployment } from '../kinds/deployment.js';
import { defineResource } from './define.js';
import { deploymentTable } from '../tables/deployment.js';

export const deployments = defineResource({
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  kind: 'Deployment',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  subresources: ['status', 'scale'],
  statusSubresource: true,
  generation: 'spec-or-annotations',
  table: deploymentTable,
  defaults: defaultDeployment,
  validate: validateDeployment,
});

import { describe, expect, it } from 'vitest';
import { PlanError } from '../../src/actions/plan.js';
import { setImage } from '../../src/actions/set-image.js';
import {
  annotationAdds,
  BAD_IMAGE,
  deploymentTarget,
  GOOD_IMAGE,
  livePayments,
  planContext,
  RESOURCE_VERSION_OP,
} from './fixtures.js';

describe('set_image params', () => {
  it.each([
    ['a tag', { image: GOOD_IMAGE }],
    ['a digest', { image: 'registry.example.com/payments/api@sha256:4c0fdaa8b6341bfdeca5f18f7837462c' }],
    ['a short Docker Hub name', { image: 'nginx:1.27' }],
    ['a registry with a port', { image: 'localhost:5000/team/app:v2' }],
  ])('accepts %s', (_label, params) => {
    expect(setImage.params.safeParse(params).success).toBe(true);
  });

  it.each([
    ['an empty image', { image: '' }],
    ['an image with a space', { image: 'nginx 1.27' }],
    ['shell characters', { image: 'nginx;rm -rf /' }],
    ['a leading dash', { image: '-nginx' }],
    ['a missing image', {}],
    ['an unknown field', { image: 'nginx:1.27', pullPolicy: 'Always' }],
  ])('rejects %s', (_label, params) => {
    expect(setImage.params.safeParse(params).success).toBe(false);
  });
});

describe('set_image risk and description', () => {
  it('is medium risk (a different build) and targets one container', () => {
    expect(setImage.risk({ image: GOOD_IMAGE })).toBe('medium');
    expect(setImage.needsContainer).toBe(true);
    expect(setImage.describe(deploymentTarget('app'), { image: GOOD_IMAGE })).toBe(
      `set image of deployment/payments container app to ${GOOD_IMAGE}`,
    );
  });
});

describe('set_image plan', () => {
  it('replaces the image of the container at its index, remembering the live one', () => {
    const { deployment } = livePayments();
    const plan = setImage.plan({ image: GOOD_IMAGE }, planContext(deploymentTarget('app'), { deployment }));
    const path = '/spec/template/spec/containers/0/image';
    expect(plan.operation === 'patch' && plan.patch).toEqual([
      RESOURCE_VERSION_OP,
      { op: 'test', path: '/spec/template/spec/containers/0/name', value: 'app' },
      { op: 'replace', path, value: GOOD_IMAGE },
      ...annotationAdds(plan.description),
    ]);
    expect(plan.restore).toEqual([{ path, previous: BAD_IMAGE }]);
  });

  it('addresses a second container by its own index', () => {
    const { deployment } = livePayments();
    const image = 'registry.example.com/platform/metrics-agent:0.9.4';
    const plan = setImage.plan({ image }, planContext(deploymentTarget('metrics'), { deployment }));
    expect(plan.operation === 'patch' && plan.patch.slice(1, 3)).toEqual([
      { op: 'test', path: '/spec/template/spec/containers/1/name', value: 'metrics' },
      { op: 'replace', path: '/spec/template/spec/containers/1/image', value: image },
    ]);
  });

  it('refuses when the container is gone', () => {
    const { deployment } = livePayments();
    expect(() =>
      setImage.plan({ image: GOOD_IMAGE }, planContext(deploymentTarget('web'), { deployment })),
    ).toThrow(PlanError);
  });
});

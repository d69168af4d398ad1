/** The balancer's port and its two processes' ports for the cluster browser tier (playwright.cluster.config.ts). */
export const CLUSTER_PORT = Number(process.env.E2E_CLUSTER_PORT ?? 3424);
export const CLUSTER_PROCESS_PORTS = [CLUSTER_PORT + 1, CLUSTER_PORT + 2];

/**
 * What the ops image (Dockerfile, deploy/ops-image) provides to the tasks that run it: the Amazon
 * RDS certificate authorities, for `PGSSLMODE=verify-full` through NODE_EXTRA_CA_CERTS.
 */
export const RDS_CA_BUNDLE_PATH = "/etc/ssl/certs/rds-global-bundle.pem";

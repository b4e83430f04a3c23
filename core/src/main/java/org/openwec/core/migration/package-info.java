/**
 * Schema versioning: the reference's catalogue of versions, the migration engine that decides what to
 * apply or revert, and the status of a database against this binary. Adapters run the steps.
 */
package org.openwec.core.migration;

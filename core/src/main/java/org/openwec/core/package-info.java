/**
 * The storage core of the collector: the domain model (subscriptions, bookmarks, heartbeats),
 * the ports the adapters implement, the schema migration engine and the use cases that drive them.
 * Pure Java: no JDBC, SQL library, framework, configuration or logging types (see architecture-tests).
 */
package org.openwec.core;

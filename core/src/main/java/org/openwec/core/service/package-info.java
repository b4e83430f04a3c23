/**
 * The services behind the inbound ports ({@code port.in}), each built on the driven ports it needs:
 * subscriptions, bookmarks, machine statistics, schema maintenance and the start-up check, database copy and
 * backup; and the collector engine (enumerate, bookmark group commit, heartbeat batcher).
 */
package org.openwec.core.service;

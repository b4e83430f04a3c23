/**
 * The domain model: subscriptions with their parameters, outputs and client filter; bookmarks;
 * heartbeats, machine states and stats. Values are records whose constructors hold the invariants;
 * enum constant names are the values the reference stores.
 */
package org.openwec.core.model;

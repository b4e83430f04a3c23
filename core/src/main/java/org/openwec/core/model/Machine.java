package org.openwec.core.model;

/** A machine seen by a subscription: its identity ({@code heartbeats.machine}) and last known address. */
public record Machine(String name, String ip) {}

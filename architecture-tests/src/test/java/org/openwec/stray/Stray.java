package org.openwec.stray;

/** Deliberate violation for RulesCatchViolationsTest; never part of the production import. */
public class Stray {}

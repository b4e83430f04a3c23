/**
 * The use cases: what the collector and its administrators do, driven through the ports
 * (schema maintenance and the start-up check for now).
 */
package org.openwec.core.service;

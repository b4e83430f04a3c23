/**
 * A received event as the formats see it: its raw XML, what the reference's parser makes of it (System,
 * EventData or UserData..., RenderingInfo, or the parsing error) and the metadata the collector adds.
 */
package org.openwec.adapters.outputs.event;

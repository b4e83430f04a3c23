/**
 * The collector's outputs: writes each events batch to the outputs of its subscription (files, a TCP peer),
 * formatted as the reference does (Raw, RawJson, Json, Nxlog); implements the core's {@code OutputPort},
 * keeps files and connections open between batches and closes those no longer used.
 */
package org.openwec.adapters.outputs;

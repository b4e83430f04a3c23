/**
 * The collector's outputs: writes each events batch to the outputs of its subscription (files, a TCP peer, a
 * Unix datagram socket), formatted as the reference does (Raw, RawJson, Json, Nxlog); implements the core's
 * {@code OutputPort}, keeps files and connections open between batches and closes those no longer used.
 */
package org.openwec.adapters.outputs;

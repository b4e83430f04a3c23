/**
 * The outgoing ports: what the core needs from a database. One adapter module per backend implements
 * all of them; the contract suite in adapters/testkit states their behaviour once for every adapter.
 */
package org.openwec.core.port.out;

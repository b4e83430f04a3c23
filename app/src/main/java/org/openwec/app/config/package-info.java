/**
 * Loading and strict validation of the OpenWEC TOML settings file (tomlj), with the reference's keys and
 * defaults; errors name the file, line, column and key.
 */
package org.openwec.app.config;

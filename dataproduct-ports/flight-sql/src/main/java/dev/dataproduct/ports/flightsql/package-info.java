/** Network SQL over Arrow Flight SQL. */
package dev.dataproduct.ports.flightsql;

/** The node agent: registration, Leases, pod lifecycle; runtimes (simulated); an API client only. */
package dev.berth.node;

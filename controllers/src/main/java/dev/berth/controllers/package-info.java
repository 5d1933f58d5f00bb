/** The controller manager: workload, namespace, GC, service, endpoint, node lifecycle, job and other controllers; API clients only. */
package dev.berth.controllers;

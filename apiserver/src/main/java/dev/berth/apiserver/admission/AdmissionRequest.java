package dev.berth.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.apiserver.authn.UserInfo;
import dev.berth.apiserver.registry.ResourceType;

/**
 * One write as admission sees it. {@code object} may be mutated by mutating plugins; {@code
 * oldObject} is null on create.
 */
public record AdmissionRequest(Operation operation, ResourceType type, String namespace,
    String name, String subresource, ObjectNode object, ObjectNode oldObject, UserInfo user,
    boolean dryRun) {

  public enum Operation { CREATE, UPDATE, DELETE, CONNECT }
}

package org.phigate.embedded;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Thread-safe in-memory FHIR R4 resource provider for one resource type: create (with conditional create by
 * identifier, {@code _id} or {@code _tag}), read, and search by {@code identifier}, {@code _id}, {@code _tag} and
 * {@code target}.
 */
public final class InMemoryFhirProvider<T extends Resource> implements IResourceProvider {
  private final FhirContext ctx;
  private final Class<T> type;
  private final String typeName;
  private final Map<String, T> byId = new LinkedHashMap<>();
  private final Object lock;
  private long nextId = 1;

  /** A provider for resources of the given R4 type. */
  public InMemoryFhirProvider(FhirContext ctx, Class<T> type) {
    this(ctx, type, new Object());
  }

  /** A provider whose reads and writes hold {@code lock}, shared with the transaction processor. */
  InMemoryFhirProvider(FhirContext ctx, Class<T> type, Object lock) {
    this.ctx = ctx;
    this.type = type;
    this.typeName = ctx.getResourceType(type);
    this.lock = lock;
  }

  @Override
  public Class<T> getResourceType() {
    return type;
  }

  /** Creates the resource, or with {@code If-None-Exist} returns the single existing match (HTTP 200). */
  @Create
  public MethodOutcome create(@ResourceParam T resource, @ConditionalUrlParam String ifNoneExist) {
    synchronized (lock) {
      T existing = existing(ifNoneExist);
      if (existing != null) {
        MethodOutcome outcome = new MethodOutcome(existing.getIdElement(), false);
        outcome.setResource(copy(existing));
        return outcome;
      }
      T stored = store(resource);
      MethodOutcome outcome = new MethodOutcome(stored.getIdElement(), true);
      outcome.setResource(copy(stored));
      return outcome;
    }
  }

  /** The single resource an {@code If-None-Exist} condition matches, null for none (or no condition); 412 for more. */
  T existing(String ifNoneExist) {
    synchronized (lock) {
      if (ifNoneExist == null || ifNoneExist.isBlank()) {
        return null;
      }
      List<T> matches = matching(conditionFrom(ifNoneExist));
      if (matches.size() > 1) {
        throw new PreconditionFailedException("Conditional create matched " + matches.size() + " resources");
      }
      return matches.isEmpty() ? null : matches.get(0);
    }
  }

  /** Stores a copy of the resource under a new id (version 1) and returns the stored resource. */
  T store(Resource resource) {
    synchronized (lock) {
      String id = Long.toString(nextId++);
      T stored = type.cast(resource.copy());
      stored.setId(new IdType(typeName, id, "1"));
      stored.getMeta().setVersionId("1").setLastUpdated(new Date());
      byId.put(id, stored);
      return stored;
    }
  }

  /** Reads the current version of a resource. */
  @Read
  public T read(@IdParam IIdType id) {
    synchronized (lock) {
      T found = byId.get(id.getIdPart());
      if (found == null) {
        throw new ResourceNotFoundException(id);
      }
      return copy(found);
    }
  }

  /**
   * Searches by identifier ({@code system|value} or {@code value}), {@code _id}, {@code _tag} and {@code target} (a
   * reference such as {@code Task/1}, on types with a target element); no parameters: all.
   */
  @Search
  public List<T> search(
      @OptionalParam(name = "identifier") TokenParam identifier, @OptionalParam(name = "_id") TokenParam id,
      @OptionalParam(name = "_tag") TokenParam tag, @OptionalParam(name = "target") ReferenceParam target) {
    Predicate<T> filter = r -> true;
    if (identifier != null) {
      filter = filter.and(r -> hasIdentifier(r, identifier.getSystem(), identifier.getValue()));
    }
    if (id != null) {
      filter = filter.and(r -> r.getIdElement().getIdPart().equals(id.getValue()));
    }
    if (tag != null) {
      filter = filter.and(r -> hasTag(r, tag.getSystem(), tag.getValue()));
    }
    if (target != null) {
      String wanted = target.getResourceType() == null ? target.getIdPart()
          : target.getResourceType() + "/" + target.getIdPart();
      filter = filter.and(r -> targets(r).contains(wanted));
    }
    synchronized (lock) {
      return matching(filter).stream().map(this::copy).toList();
    }
  }

  /** Number of stored resources. */
  public int count() {
    synchronized (lock) {
      return byId.size();
    }
  }

  /** Copies of all stored resources in creation order. */
  public List<T> all() {
    synchronized (lock) {
      return byId.values().stream().map(this::copy).toList();
    }
  }

  /** Removes every stored resource. */
  public void clear() {
    synchronized (lock) {
      byId.clear();
    }
  }

  private List<T> matching(Predicate<T> filter) {
    return byId.values().stream().filter(filter).toList();
  }

  private Predicate<T> conditionFrom(String ifNoneExist) {
    String query = ifNoneExist.contains("?") ? ifNoneExist.substring(ifNoneExist.indexOf('?') + 1) : ifNoneExist;
    Predicate<T> filter = r -> true;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 1) {
        throw new InvalidRequestException("Unsupported If-None-Exist condition");
      }
      String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (name.equals("identifier")) {
        int bar = value.indexOf('|');
        String system = bar < 0 ? null : value.substring(0, bar);
        String code = bar < 0 ? value : value.substring(bar + 1);
        filter = filter.and(r -> hasIdentifier(r, system, code));
      } else if (name.equals("_id")) {
        filter = filter.and(r -> r.getIdElement().getIdPart().equals(value));
      } else if (name.equals("_tag")) {
        int bar = value.indexOf('|');
        String system = bar < 0 ? null : value.substring(0, bar);
        String code = bar < 0 ? value : value.substring(bar + 1);
        filter = filter.and(r -> hasTag(r, system, code));
      } else {
        throw new InvalidRequestException("Unsupported If-None-Exist parameter: " + name);
      }
    }
    return filter;
  }

  private boolean hasIdentifier(T resource, String system, String value) {
    for (Identifier identifier : identifiers(resource)) {
      boolean systemMatches = system == null || system.isEmpty() || system.equals(identifier.getSystem());
      if (systemMatches && value != null && value.equals(identifier.getValue())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasTag(Resource resource, String system, String code) {
    return resource.getMeta().getTag().stream().anyMatch(t -> (system == null || system.isEmpty()
        || system.equals(t.getSystem())) && code != null && code.equals(t.getCode()));
  }

  private List<String> targets(T resource) {
    BaseRuntimeChildDefinition child = ctx.getResourceDefinition(resource).getChildByName("target");
    List<String> out = new ArrayList<>();
    if (child != null) {
      for (IBase value : child.getAccessor().getValues(resource)) {
        if (value instanceof Reference reference && reference.getReference() != null) {
          out.add(new IdType(reference.getReference()).toUnqualifiedVersionless().getValue());
        }
      }
    }
    return out;
  }

  private List<Identifier> identifiers(T resource) {
    BaseRuntimeChildDefinition child = ctx.getResourceDefinition(resource).getChildByName("identifier");
    List<Identifier> out = new ArrayList<>();
    if (child != null) {
      for (IBase value : child.getAccessor().getValues(resource)) {
        if (value instanceof Identifier identifier) {
          out.add(identifier);
        }
      }
    }
    return out;
  }

  private T copy(T resource) {
    return type.cast(resource.copy());
  }
}

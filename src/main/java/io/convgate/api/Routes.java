package io.convgate.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API's routes (method and path template), read from the resource classes once: what a
 * path takes when a method it does not take is asked of it (Quarkus REST's 405 carries no {@code
 * Allow}), and the template audit rows name an endpoint by.
 */
@ApplicationScoped
public class Routes {

  private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::([^}]*))?}");

  /** One resource method: its HTTP method and the path template it answers. */
  record Route(String method, String template, Pattern pattern) {}

  private final BeanManager beans;
  private volatile List<Route> routes;

  public Routes(BeanManager beans) {
    this.beans = beans;
  }

  /**
   * The methods a path takes, as an {@code Allow} header lists them: the declared ones, HEAD where
   * GET is taken and OPTIONS (both answered by Quarkus REST itself).
   */
  public SortedSet<String> allowed(String path) {
    SortedSet<String> methods = declared(path);
    if (methods.isEmpty()) {
      return methods;
    }
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    methods.add("OPTIONS");
    return methods;
  }

  /** The methods the resource classes declare for a path. */
  public SortedSet<String> declared(String path) {
    String normalised =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    SortedSet<String> methods = new TreeSet<>();
    for (Route route : routes()) {
      if (route.pattern().matcher(normalised).matches()) {
        methods.add(route.method());
      }
    }
    return methods;
  }

  /** A resource method's path template, e.g. {@code /api/v1/integrations/{id}}. */
  public static String template(Class<?> resource, Method method) {
    Path type = resource == null ? null : resource.getAnnotation(Path.class);
    Path own = method == null ? null : method.getAnnotation(Path.class);
    String joined =
        "/" + (type == null ? "" : type.value()) + "/" + (own == null ? "" : own.value());
    String template = joined.replaceAll("/+", "/");
    return template.length() > 1 && template.endsWith("/")
        ? template.substring(0, template.length() - 1)
        : template;
  }

  private List<Route> routes() {
    List<Route> known = routes;
    if (known == null) {
      known = scan();
      routes = known;
    }
    return known;
  }

  private List<Route> scan() {
    List<Route> found = new ArrayList<>();
    for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
      Class<?> type = bean.getBeanClass();
      if (type.isInterface() || type.getDeclaredAnnotation(Path.class) == null) {
        continue;
      }
      for (Method method : type.getMethods()) {
        String verb = httpMethod(method);
        if (verb != null) {
          String template = template(type, method);
          found.add(new Route(verb, template, pattern(template)));
        }
      }
    }
    return List.copyOf(found);
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  /** {@code /a/{id}/b} as a regular expression: a parameter is one segment unless it says more. */
  static Pattern pattern(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher parameter = PARAMETER.matcher(template);
    int at = 0;
    while (parameter.find()) {
      regex.append(Pattern.quote(template.substring(at, parameter.start())));
      String own = parameter.group(1);
      regex.append("(?:").append(own == null ? "[^/]+" : own.trim()).append(")");
      at = parameter.end();
    }
    regex.append(Pattern.quote(template.substring(at)));
    return Pattern.compile(regex.toString());
  }
}

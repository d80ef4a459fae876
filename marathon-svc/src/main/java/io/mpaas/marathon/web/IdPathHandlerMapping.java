package io.mpaas.marathon.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The annotated-controller mapping with {@link IdPath} support: a handler mapped to
 * {@code <prefix>/**} and annotated {@code @IdPath(tail)} gets an {@link IdPathCondition}, and when it
 * is chosen the id and the tail's variables become ordinary path variables.
 */
public class IdPathHandlerMapping extends RequestMappingHandlerMapping {

    @Override
    protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
        RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
        IdPath idPath = AnnotatedElementUtils.findMergedAnnotation(method, IdPath.class);
        if (info == null || idPath == null) {
            return info;
        }
        Set<String> patterns = info.getPatternValues();
        if (patterns.size() != 1 || !patterns.iterator().next().endsWith("/**")) {
            throw new IllegalStateException("@IdPath needs exactly one mapping ending in /**: " + method);
        }
        String pattern = patterns.iterator().next();
        String prefix = pattern.substring(0, pattern.length() - "/**".length());
        return info.mutate().customCondition(new IdPathCondition(prefix, idPath.value())).build();
    }

    @Override
    protected void handleMatch(RequestMappingInfo info, String lookupPath, HttpServletRequest request) {
        super.handleMatch(info, lookupPath, request);
        if (info.getCustomCondition() instanceof IdPathCondition condition) {
            @SuppressWarnings("unchecked")
            Map<String, String> existing = (Map<String, String>) request.getAttribute(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            Map<String, String> variables = existing == null ? new HashMap<>() : new HashMap<>(existing);
            variables.putAll(condition.variables());
            request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
        }
    }
}

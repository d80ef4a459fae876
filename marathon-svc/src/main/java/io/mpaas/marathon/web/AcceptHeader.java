package io.mpaas.marathon.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Picks between the few representations an endpoint offers by the request's {@code Accept},
 * leniently: no header, a malformed one or one that accepts none of them all get the first offer,
 * because Marathon clients often send nothing or something odd and still expect an answer.
 */
public final class AcceptHeader {

    private AcceptHeader() {
    }

    /** The offered type the client ranks highest; ties go to the earlier offer. */
    public static MediaType preferred(String accept, MediaType... offered) {
        if (accept == null || accept.isBlank()) {
            return offered[0];
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return offered[0];
        }
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getQualityValue() <= 0) {
                continue;
            }
            for (MediaType offer : offered) {
                if (type.includes(offer)) {
                    return offer;
                }
            }
        }
        return offered[0];
    }
}

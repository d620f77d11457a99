#include "core/model/record_kind.hpp"

namespace oh {

std::optional<RecordKind> parseRecordKind(std::string_view name) {
    for (const auto& info : kRecordKinds)
        if (name == info.name) return info.kind;
    return std::nullopt;
}

}  // namespace oh

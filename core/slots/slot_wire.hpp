// A slot as a slot.state sync record (the central's feed): its JSON, written by the
// embedded central here and by the PostgreSQL central's oh_slot_feed with the same fields,
// applied on devices by Store::applyRemote.
#pragma once

#include <string>

#include "core/model/slot.hpp"

namespace oh {

std::string slotStateRecord(const Slot& slot);

}  // namespace oh

// CentralRecord's defaults for the slot calls: a wrapper central in a test or bench that
// issues no slots says so instead of pretending.
#include "core/central/central.hpp"

namespace oh {

namespace {

[[noreturn]] void noSlots() {
    throw CentralError(false, "this central record does not issue conversion slots");
}

}  // namespace

GrantAnswer CentralRecord::requestGrant(const std::string&, int, std::int64_t) {
    noSlots();
}
bool CentralRecord::returnGrant(const std::string&, const std::string&) {
    noSlots();
}
std::vector<Slot> CentralRecord::issueSlots(const std::string&, const std::vector<Slot>&) {
    noSlots();
}
Slot CentralRecord::grantSlotByHand(const Slot&, const std::string&, const std::string&) {
    noSlots();
}
Slot CentralRecord::actOnSlot(const SlotAct&) {
    noSlots();
}
BudgetView CentralRecord::budget(const std::string&) {
    noSlots();
}
std::vector<SlotGrant> CentralRecord::grants(const std::string&) {
    noSlots();
}
std::vector<Slot> CentralRecord::slots(const std::string&) {
    noSlots();
}
std::vector<SlotAct> CentralRecord::slotActs(const std::string&) {
    noSlots();
}

}  // namespace oh

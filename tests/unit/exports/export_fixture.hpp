// An event for the export tests, in an in-memory store: people whose names are in four
// scripts (Latin with accents, Arabic, Devanagari, CJK) and one whose name starts with '='
// (a spreadsheet formula), four demos (one a team's), two judges who score them (one of
// them declares a conflict), and check-ins.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/exports/exports.hpp"
#include "core/judging/scoring.hpp"
#include "core/model/ids.hpp"
#include "core/store/store.hpp"
#include "tests/unit/exports/export_readers.hpp"

namespace oh::exporttest {

class ExportFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        event.id = Uuid::v7().str();
        event.name = "Demo Day";
        event.timezone = "Asia/Kolkata";
        event.startsAt = *parseIsoTime("2026-12-10T09:00Z");
        event.endsAt = event.startsAt + 8 * 3600;
        event.slotBudget = 2;
        store.saveEvent(event);
        jose = add("José Muñoz García", "jose@example.org", Role::Intern);
        fatima = add("فاطمة الزهراء", "fatima@example.org", Role::Intern);
        priya = add("प्रिया शर्मा", "priya@example.org", Role::Intern);
        wang = add("王小明", "wang@example.cn", Role::Intern);
        formula = add("=HYPERLINK(\"http://x\",\"Omar\")", "omar@example.org", Role::Intern);
        ana = add("Ana Lima", "ana@example.org", Role::Lead);
        bo = add("Bo Chen", "bo@example.org", Role::Staff);
        // Demo starts: the team demo first, then two at the same time (by title), then one.
        checkout = demo("Checkout A/B", {jose, wang}, "Table 3", 1000);
        search = demo("Search ranking", {priya}, "Room Ü", 2000);
        onboarding = demo("Onboarding flow", {fatima}, "Table 1", 2000);
        pipeline = demo("Pipeline", {formula}, "Table 9", 3000);
        score(ana, checkout, 5, "Sharp, \"clear\"\nwell done", true);
        score(ana, onboarding, 3, "", false);
        score(ana, search, 4, "=1+1 good", false);
        score(ana, pipeline, 2, "needs data", false);
        score(bo, checkout, 4, "", false);
        score(bo, search, 1, "weak", false);
        ASSERT_EQ(declareConflict(store, event.id, bo, onboarding, nowMillis()).status,
                  ScoreWriteStatus::ConflictDeclared);
        int minute = 0;
        for (const std::string& who : {wang, fatima, formula, jose, priya}) {
            ++minute;
            store.recordCheckIn(event.id, who, minute % 2 ? "qr" : "search",
                                (event.startsAt + 60 * minute) * 1000);
        }
    }

    std::string add(const std::string& name, const std::string& email, Role role) {
        Attendee a;
        a.eventId = event.id;
        a.fullName = name;
        a.email = email;
        a.role = role;
        a.cohort = "Autumn 2026";
        store.upsertAttendee(a);
        return a.id;
    }

    std::string demo(const std::string& title, const std::vector<std::string>& presenters,
                     const std::string& location, std::int64_t start) {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = event.id;
        s.internId = presenters.front();
        s.presenterIds = presenters;
        s.title = title;
        s.location = location;
        s.metricName = "tickets";
        s.metricChange = "-12%";
        s.slotStart = event.startsAt + start;
        s.slotEnd = s.slotStart + 600;
        store.upsertShowcase(s);
        return s.id;
    }

    // Every criterion at `level`, the first one a level lower (so the mean is weighted).
    void score(const std::string& judge, const std::string& demoId, int level,
               const std::string& notes, bool encore) {
        ScoreSheet sheet;
        for (const Criterion& c : settings.rubric.criteria)
            sheet.levels[c.key] =
                c.key == settings.rubric.criteria.front().key && level > 1 ? level - 1 : level;
        sheet.notes = notes;
        sheet.recommendation = level >= 4 ? Recommendation::Yes : Recommendation::No;
        sheet.encore = encore;
        if (encore) sheet.encoreBrief = "show the live metric";
        ASSERT_EQ(
            submitScore(store, settings.rubric, event.id, judge, demoId, sheet, nowMillis()).status,
            ScoreWriteStatus::Saved);
    }

    ExportResult exportTo(ExportKind kind, ExportFormat format, const std::string& path) {
        return exportList(store, event.id, kind, format, path, settings, 1'800'000'000'000);
    }

    std::string nameOf(const std::string& id) { return store.attendee(id)->fullName; }

    TempDir dir;
    Store store = Store::openInMemory();
    ExportSettings settings;
    Event event;
    std::string jose, fatima, priya, wang, formula, ana, bo;
    std::string checkout, search, onboarding, pipeline;
};

}  // namespace oh::exporttest

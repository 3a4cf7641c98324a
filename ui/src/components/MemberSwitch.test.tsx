// The "who is working" switch against a mocked Rust side: who it shows, picking another member or
// nobody, adding one (who is then working), Rust's refusal of a name, and a Rust side without members.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Language, Member } from "../bindings";
import { I18nProvider } from "../i18nContext";
import { backend, callsOf, invokeMock, rejection } from "../screens/orderTestData";
import { MemberSwitch } from "./MemberSwitch";
import { ToastProvider } from "./Toast";

function renderSwitch(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <MemberSwitch />
      </ToastProvider>
    </I18nProvider>,
  );
}

beforeEach(() => {
  invokeMock.mockReset();
});

function family() {
  const members: Member[] = [
    { id: "m1", name: "妈妈", active: true, searchKey: "mama mm" },
    { id: "m2", name: "小李", active: true, searchKey: "xiaoli xl" },
    { id: "m3", name: "二舅", active: false, searchKey: "erjiu ej" },
  ];
  let current: Member | null = null;
  backend({
    current_member: () => current,
    list_members: () => members,
    set_current_member: (args) => {
      current = members.find((m) => m.id === args?.id) ?? null;
      return current;
    },
    add_member: (args) => {
      const name = String(args?.name ?? "").trim();
      if (name === "") throw rejection([{ field: "name", rule: "required" }]);
      if (members.some((m) => m.name === name)) throw rejection([{ field: "name", rule: "duplicate" }]);
      const member = { id: `m${members.length + 1}`, name, active: true, searchKey: "" };
      members.push(member);
      return member;
    },
  });
}

describe("member switch", () => {
  it("asks who is working, and picks a member or nobody from the menu", async () => {
    family();
    renderSwitch();
    const button = await screen.findByTestId("member-switch");
    expect(button.textContent).toBe("谁在干活？");
    fireEvent.click(button);
    const options = await screen.findAllByTestId("member-option");
    // Inactive members are not offered.
    expect(options.map((o) => o.textContent)).toEqual(["妈妈", "小李"]);
    fireEvent.click(options[1] as HTMLElement);
    await waitFor(() => expect(screen.getByTestId("member-switch").textContent).toBe("小李"));
    expect(callsOf("set_current_member")).toEqual([{ id: "m2" }]);
    expect(screen.queryByTestId("member-menu")).toBeNull();
    expect(screen.getByTestId("toast").textContent).toBe("现在是 小李 在干活。");

    fireEvent.click(screen.getByTestId("member-switch"));
    fireEvent.click(await screen.findByTestId("member-none"));
    await waitFor(() => expect(screen.getByTestId("member-switch").textContent).toBe("谁在干活？"));
    expect(callsOf("set_current_member")[1]).toEqual({ id: "" });
  });

  it("adds a member, who is then working; a name taken is refused at the field", async () => {
    family();
    renderSwitch();
    fireEvent.click(await screen.findByTestId("member-switch"));
    await screen.findAllByTestId("member-option");
    fireEvent.change(screen.getByTestId("member-name"), { target: { value: "妈妈" } });
    fireEvent.click(screen.getByTestId("member-save"));
    expect((await screen.findByTestId("error-member-name")).textContent).toBe("已经有相同的名字了。");

    fireEvent.change(screen.getByTestId("member-name"), { target: { value: "爸爸" } });
    expect(screen.queryByTestId("error-member-name")).toBeNull();
    fireEvent.click(screen.getByTestId("member-save"));
    await waitFor(() => expect(screen.getByTestId("member-switch").textContent).toBe("爸爸"));
    expect(callsOf("add_member")).toEqual([{ name: "妈妈" }, { name: "爸爸" }]);
    expect(callsOf("set_current_member")).toEqual([{ id: "m4" }]);
  });

  it("shows who is working after a restart, in English too", async () => {
    backend({ current_member: () => ({ id: "m1", name: "Mum", active: true }), list_members: () => [] });
    renderSwitch("en");
    await waitFor(() => expect(screen.getByTestId("member-switch").textContent).toBe("Mum"));
  });

  it("still asks who is working when Rust does not know members", async () => {
    backend({});
    renderSwitch("en");
    fireEvent.click(await screen.findByTestId("member-switch"));
    expect(screen.getByTestId("member-switch").textContent).toBe("Who is working?");
    expect(await screen.findByTestId("member-add")).toBeTruthy();
    expect(screen.queryByTestId("member-option")).toBeNull();
  });
});

// A form's field that starts from how the shop usually settles with the chosen farmer (their last
// purchase's payment, their last payment's method), until the person picks a value themself. Kept
// apart from the forms so that a form only says which habit and which field.
import { useCallback, useEffect, useRef, useState } from "react";
import * as api from "../api";
import type { FarmerHabits } from "../bindings";

/**
 * Once `farmerId` is chosen (and whenever it changes), sets the field through `apply` to the
 * farmer's habit (`pick`), or to `fallback` for a farmer with none, unless the person has changed
 * the field: call the returned `chosen` from the field's own onChange. `fromHabit` says whether the
 * value shown came from the farmer's habit (for a hint). An answer for a farmer no longer chosen,
 * or a failure to ask, changes nothing.
 */
export function useFarmerDefault<T extends string>(
  farmerId: string,
  pick: (habits: FarmerHabits) => T | null,
  fallback: T,
  apply: (value: T) => void,
): { chosen: () => void; fromHabit: boolean } {
  const touched = useRef(false);
  const [fromHabit, setFromHabit] = useState(false);
  // The latest callbacks, without asking again when a form passes new closures on each render.
  const latest = useRef({ pick, fallback, apply });
  latest.current = { pick, fallback, apply };

  useEffect(() => {
    if (farmerId === "") return;
    let current = true;
    api.farmerHabits(farmerId).then(
      (habits) => {
        if (!current || touched.current) return;
        const usual = latest.current.pick(habits);
        latest.current.apply(usual ?? latest.current.fallback);
        setFromHabit(usual !== null);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [farmerId]);

  const chosen = useCallback(() => {
    touched.current = true;
    setFromHabit(false);
  }, []);
  return { chosen, fromHabit };
}

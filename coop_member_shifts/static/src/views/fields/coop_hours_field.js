import { registry } from "@web/core/registry";
import { FloatTimeField, floatTimeField } from "@web/views/fields/float_time/float_time_field";

/**
 * Hours of work as people read them: "1 h 30", "3 h", "45 min", "-2 h" ("01:30" reads as a
 * time of day). The same rule as format_hours in tools/display_dates.py.
 */
export function formatCoopHours(value) {
    const total = Math.round(Math.abs(value || 0) * 60);
    const sign = value < 0 && total ? "-" : "";
    const whole = Math.floor(total / 60);
    const minutes = total % 60;
    if (!whole && minutes) {
        return `${sign}${minutes} min`;
    }
    return `${sign}${whole} h` + (minutes ? ` ${String(minutes).padStart(2, "0")}` : "");
}

/** Shows "1 h 30" when read; typed as "1:30" (or "1,5") like Odoo's time field. */
export class CoopHoursField extends FloatTimeField {
    get formattedValue() {
        if (this.props.readonly) {
            return formatCoopHours(this.props.record.data[this.props.name]);
        }
        return super.formattedValue;
    }
}

registry.category("fields").add("coop_hours", { ...floatTimeField, component: CoopHoursField });
// Sums of lists and measures of pivots are formatted by the widget's name.
registry.category("formatters").add("coop_hours", formatCoopHours);

import type { ZonedDateTime } from '@internationalized/date';
import type { ReactNode } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  ComboBox as AriaComboBox,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog as AriaDialog,
  FieldError,
  Group,
  Heading,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Menu as AriaMenu,
  MenuItem,
  MenuTrigger,
  Modal,
  ModalOverlay,
  Popover,
  Tab,
  TabList,
  TabPanel,
  Tabs as AriaTabs,
  Text,
} from 'react-aria-components';

/*
 * React Aria primitives (focus management, keyboard, screen-reader semantics) with our CSS (kit.css).
 * React Aria injects no <style> tags — the CSP forbids them — and sets positions through the CSSOM,
 * which the CSP allows. Screens use these wrappers, never the raw components, so every dialog and
 * menu looks and behaves the same.
 */

/** A modal dialog: focus trapped, Escape closes, focus returns to the opener. */
export function Dialog({
  title,
  isOpen,
  onOpenChange,
  children,
  footer,
  role = 'dialog',
}: {
  title: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
  footer?: ReactNode;
  /** 'alertdialog' for confirmations of something that cannot be undone */
  role?: 'dialog' | 'alertdialog';
}) {
  return (
    <ModalOverlay className="dialog-scrim" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="dialog">
        <AriaDialog className="dialog-body" role={role}>
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          <div className="dialog-content">{children}</div>
          {footer && <div className="dialog-footer">{footer}</div>}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

export type MenuAction = { id: string; label: string; danger?: boolean; disabled?: boolean };

/** A button that opens a menu of actions (arrow keys move, Enter picks, Escape closes). */
export function ActionMenu({
  label,
  actions,
  onAction,
}: {
  label: string;
  actions: readonly MenuAction[];
  onAction: (id: string) => void;
}) {
  return (
    <MenuTrigger>
      <Button className="button">{label}</Button>
      <Popover className="popover" placement="bottom end">
        <AriaMenu
          className="menu"
          onAction={(key) => onAction(String(key))}
          disabledKeys={actions.filter((a) => a.disabled).map((a) => a.id)}
        >
          {actions.map((a) => (
            <MenuItem key={a.id} id={a.id} className={`menu-item${a.danger ? ' menu-item-danger' : ''}`}>
              {a.label}
            </MenuItem>
          ))}
        </AriaMenu>
      </Popover>
    </MenuTrigger>
  );
}

export type Option = { id: string; label: string };

/** Type to filter a list, pick with arrows + Enter. */
export function ComboBox({
  label,
  options,
  selectedId,
  onSelect,
  hint,
  error,
}: {
  label: string;
  options: readonly Option[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  hint?: string;
  error?: string;
}) {
  return (
    <AriaComboBox
      className="field combobox"
      selectedKey={selectedId}
      onSelectionChange={(key) => onSelect(key === null ? null : String(key))}
      isInvalid={Boolean(error)}
      menuTrigger="focus"
    >
      <Label className="field-label">{label}</Label>
      <div className="combobox-control">
        <Input className="input" />
        <Button className="combobox-button" aria-label="Show options">
          ▾
        </Button>
      </div>
      {hint && (
        <Text slot="description" className="field-hint">
          {hint}
        </Text>
      )}
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="popover">
        <ListBox className="menu" items={options}>
          {(o) => (
            <ListBoxItem id={o.id} className="menu-item">
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaComboBox>
  );
}

/** Tabs whose selection the screen owns (put it in the URL's search params so Back works). */
export function Tabs({
  label,
  tabs,
  selectedId,
  onSelect,
}: {
  label: string;
  tabs: readonly (Option & { panel: ReactNode })[];
  selectedId: string;
  onSelect: (id: string) => void;
}) {
  return (
    <AriaTabs className="tabs" selectedKey={selectedId} onSelectionChange={(key) => onSelect(String(key))}>
      <TabList className="tab-list" aria-label={label}>
        {tabs.map((t) => (
          <Tab key={t.id} id={t.id} className="tab">
            {t.label}
          </Tab>
        ))}
      </TabList>
      {tabs.map((t) => (
        <TabPanel key={t.id} id={t.id} className="tab-panel">
          {t.panel}
        </TabPanel>
      ))}
    </AriaTabs>
  );
}

/**
 * Date and time in an explicit time zone (`ZonedDateTime` from @internationalized/date), e.g. a port
 * date in the customer's zone. The zone is always shown, so "09:00" is never ambiguous.
 */
export function DateTimeField({
  label,
  value,
  onChange,
  hint,
  error,
}: {
  label: string;
  value: ZonedDateTime | null;
  onChange: (value: ZonedDateTime | null) => void;
  hint?: string;
  error?: string;
}) {
  return (
    <DatePicker
      className="field datetime"
      value={value}
      onChange={onChange}
      granularity="minute"
      hourCycle={24}
      isInvalid={Boolean(error)}
    >
      <Label className="field-label">{label}</Label>
      <Group className="datetime-control">
        <DateInput className="datetime-input">
          {(segment) => <DateSegment segment={segment} className="datetime-segment" />}
        </DateInput>
        <Button className="combobox-button" aria-label="Open calendar">
          ▾
        </Button>
      </Group>
      {hint && (
        <Text slot="description" className="field-hint">
          {hint}
        </Text>
      )}
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="popover">
        <AriaDialog className="calendar-dialog" aria-label={`${label}: calendar`}>
          <Calendar className="calendar">
            <header className="calendar-head">
              <Button slot="previous" className="button button-quiet" aria-label="Previous month">
                ‹
              </Button>
              <Heading className="calendar-title" />
              <Button slot="next" className="button button-quiet" aria-label="Next month">
                ›
              </Button>
            </header>
            <CalendarGrid className="calendar-grid">
              {(date) => <CalendarCell date={date} className="calendar-cell" />}
            </CalendarGrid>
          </Calendar>
        </AriaDialog>
      </Popover>
    </DatePicker>
  );
}

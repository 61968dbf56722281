/**
 * 楼栋 / 单元 / 房间, step by step, as large buttons rather than scroll wheels (easier for
 * older fingers and eyes): buildings from user.listBuildings, the rooms of a unit from
 * user.listRooms, grouped by floor. Emits `change` with the full address once a room is
 * chosen, and with null when an earlier choice changes.
 */
import type { BuildingOption, RoomOption } from '../../../typings/functions/user';
import { call, errorMessage } from '../../services/api';
import { buildingChoices, floorRows, unitChoices } from './view';

type Step = 'loading' | 'error' | 'ready';

Component({
  options: { styleIsolation: 'apply-shared' },
  data: {
    buildingsState: 'loading' as Step,
    roomsState: 'ready' as Step,
    errorMessage: '',
    buildings: [] as BuildingOption[],
    rooms: [] as RoomOption[],
    buildingNo: null as number | null,
    unitNo: null as number | null,
    room: null as string | null,
    buildingChoices: buildingChoices([], null),
    unitChoices: unitChoices(0, null),
    floorRows: floorRows([], null),
    summary: '',
  },
  lifetimes: {
    attached() {
      void this.loadBuildings();
    },
  },
  methods: {
    async loadBuildings() {
      this.setData({ buildingsState: 'loading' });
      try {
        const buildings = await call('user', 'listBuildings', {});
        this.setData({ buildings, buildingsState: 'ready', buildingChoices: buildingChoices(buildings, null) });
      } catch (error) {
        this.setData({ buildingsState: 'error', errorMessage: errorMessage(error) });
      }
    },
    async loadRooms() {
      const { buildingNo, unitNo } = this.data;
      if (buildingNo === null || unitNo === null) return;
      this.setData({ roomsState: 'loading' });
      try {
        const rooms = await call('user', 'listRooms', { buildingNo, unitNo });
        // A newer choice meanwhile makes this answer stale.
        if (buildingNo !== this.data.buildingNo || unitNo !== this.data.unitNo) return;
        this.setData({ rooms, roomsState: 'ready', floorRows: floorRows(rooms, null) });
      } catch (error) {
        this.setData({ roomsState: 'error', errorMessage: errorMessage(error) });
      }
    },
    onBuilding(event: WechatMiniprogram.TouchEvent) {
      const buildingNo = Number((event.currentTarget.dataset as { key: string }).key);
      const building = this.data.buildings.find((b) => b.no === buildingNo);
      if (!building) return;
      this.setData({
        buildingNo,
        unitNo: null,
        room: null,
        rooms: [],
        buildingChoices: buildingChoices(this.data.buildings, buildingNo),
        // A building with one unit needs no unit step.
        unitChoices: unitChoices(building.units, building.units === 1 ? 1 : null),
        floorRows: [],
      });
      if (building.units === 1) this.setData({ unitNo: 1 });
      this.emit();
      if (building.units === 1) void this.loadRooms();
    },
    onUnit(event: WechatMiniprogram.TouchEvent) {
      const unitNo = Number((event.currentTarget.dataset as { key: string }).key);
      const building = this.data.buildings.find((b) => b.no === this.data.buildingNo);
      if (!building) return;
      this.setData({ unitNo, room: null, unitChoices: unitChoices(building.units, unitNo), floorRows: [] });
      this.emit();
      void this.loadRooms();
    },
    onRoom(event: WechatMiniprogram.TouchEvent) {
      const room = (event.currentTarget.dataset as { key: string }).key;
      this.setData({ room, floorRows: floorRows(this.data.rooms, room) });
      this.emit();
    },
    onRetryBuildings() {
      void this.loadBuildings();
    },
    onRetryRooms() {
      void this.loadRooms();
    },
    emit() {
      const { buildingNo, unitNo, room } = this.data;
      const complete = buildingNo !== null && unitNo !== null && room !== null;
      this.setData({ summary: complete ? `${buildingNo}号楼${unitNo}单元${room}` : '' });
      this.triggerEvent('change', { address: complete ? { buildingNo, unitNo, room } : null });
    },
  },
});

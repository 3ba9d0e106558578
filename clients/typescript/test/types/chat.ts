// The Chat sample's contract in the shape a generated client package gives it: the events'
// types, the map of what is sent, received and replied, and the contract object. (Written by
// hand until the generator writes it; the type tests below hold the runtime's types to it.)
import type { Contract } from '../../runtime/index.js';

export interface Say { text: string }
export interface JoinRoom { room: string }
export interface LeaveRoom { room: string }
export interface RoomSay { room: string; text: string }
export interface Ping { seq: number }
export interface Welcome { id: string; online: number }
export interface Joined { id: string }
export interface Left { id: string }
export interface Said { from: string; text: string }
export interface RoomSaid { room: string; from: string; text: string }
export interface Pong { seq: number }

export interface ChatTypes {
  send: { say: Say; join_room: JoinRoom; leave_room: LeaveRoom; room_say: RoomSay; ping: Ping };
  receive: { welcome: Welcome; joined: Joined; left: Left; said: Said; room_said: RoomSaid; pong: Pong };
  replies: { say: null; join_room: null; leave_room: null; room_say: null; ping: 'pong' };
}

export declare const chat: Contract<ChatTypes>;
